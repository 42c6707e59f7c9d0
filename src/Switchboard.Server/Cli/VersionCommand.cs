using System.CommandLine;
using System.Runtime.InteropServices;
using Switchboard.Server.Status;
using Switchboard.Storage;

namespace Switchboard.Server.Cli;

/// <summary><c>version</c>: this build's version, runtime and schema version; with <c>--url</c>, the running gateway's too.</summary>
internal static class VersionCommand
{
    public static Command Create(CliContext context, GatewayTarget target)
    {
        var command = new Command("version", "Print the version of this build (and, with --url, of a running gateway).");
        target.AddTo(command);
        CliAction.Set(command, context, async (parse, cancellationToken) =>
        {
            context.WriteLine($"Switchboard {StatusEndpoints.Version}");
            context.WriteLine($"{RuntimeInformation.FrameworkDescription} on {RuntimeInformation.RuntimeIdentifier}, database schema version {SwitchboardStorage.LatestSchemaVersion}");
            using var remote = target.Open(parse, context);
            if (remote is not null)
            {
                var health = await remote.GetHealthAsync(cancellationToken);
                context.WriteLine($"Gateway at {remote.Display}: Switchboard {health.Version}, {health.Status}, up {TimeSpan.FromSeconds(Math.Floor(health.UptimeSeconds))}");
            }

            return CliExitCodes.Success;
        });
        return command;
    }
}
