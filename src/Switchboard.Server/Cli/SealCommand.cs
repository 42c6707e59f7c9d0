using System.CommandLine;
using Switchboard.Core.Secrets;

namespace Switchboard.Server.Cli;

/// <summary><c>seal &lt;value&gt;</c>: prints a value sealed with the master key, for <c>api_key</c> in the platforms file.</summary>
/// <remarks>
/// The master key is found as the gateway finds it (beside its database when no variable sets it) and generated there,
/// with a warning, when nothing supplies one yet, so the gateway started next uses the same key. Local only: a sealed
/// value is only as safe as the master key, which never leaves this machine.
/// </remarks>
internal static class SealCommand
{
    public static Command Create(CliContext context)
    {
        var value = new Argument<string?>("value")
        {
            Description = "The secret to seal; '-' or nothing reads it from standard input, which keeps it out of the shell's history.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var command = new Command("seal", "Print a value sealed with the master key (ENC:v1:…), for api_key in the platforms file.") { value };
        CliAction.Set(command, context, async (parse, cancellationToken) =>
        {
            var given = parse.GetValue(value);
            var secret = given is null or "-" ? await context.In.ReadLineAsync(cancellationToken) : given;
            if (string.IsNullOrEmpty(secret))
            {
                throw new CliFailure(CliExitCodes.Usage, "seal: give the value to seal as an argument, or '-' to read it from standard input.");
            }

            await using var local = LocalGateway.Create(context);
            var options = local.Options;
            Directory.CreateDirectory(options.KeyDirectory);
            var resolution = MasterKeyResolver.Resolve(options.KeyDirectory, options.GetEnvironmentVariable);
            context.AddSecret(resolution.Key);
            if (resolution.Generated)
            {
                context.WriteWarning($"no SWITCHBOARD_MASTER_KEY set; generated one into {resolution.FilePath}. The gateway must use the same key.");
            }

            await context.RawOut.WriteLineAsync(new SecretSealer(resolution.Key).Seal(secret, SecretContexts.File));
            return CliExitCodes.Success;
        });
        return command;
    }
}
