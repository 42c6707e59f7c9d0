using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Runtime.CompilerServices;
using Switchboard.Server.Cli.Check;

namespace Switchboard.Server.Cli;

/// <summary>Runs the server binary's command line: starts the gateway, or runs one command and exits.</summary>
/// <remarks>
/// <see cref="CommandRouter"/> decides first, without building the parser, so starting the gateway loads no CLI code.
/// A command line that does not parse prints the error and the command's help on standard error and exits 2; it
/// never starts the gateway and never touches the data directory.
/// </remarks>
internal static class CliApp
{
    /// <summary>Runs <paramref name="args"/> and returns the process's exit code.</summary>
    public static Task<int> RunAsync(string[] args) =>
        CommandRouter.StartsGateway(args, out var gatewayArgs, out var commandArgs)
            ? ServeCommand.RunAsync(gatewayArgs)
            : RunCommandAsync(commandArgs);

    /// <summary>Parses and runs a command.</summary>
    /// <remarks>A method of its own, never inlined: the JIT loads System.CommandLine and Spectre.Console only when a command runs.</remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async Task<int> RunCommandAsync(string[] commandArgs)
    {
        var context = CliContext.ForProcess();
        var parse = CreateRoot(context).Parse(commandArgs);
        if (parse.Action is ParseErrorAction)
        {
            // The errors, the "did you mean" hints and the help all go to standard error: standard output is for results.
            await parse.InvokeAsync(new InvocationConfiguration { Output = Console.Error, Error = Console.Error });
            return CliExitCodes.Usage;
        }

        return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
    }

    /// <summary>Creates the root command with every command under it.</summary>
    public static RootCommand CreateRoot(CliContext context)
    {
        var target = new GatewayTarget();
        var root = new RootCommand(
            "Switchboard, a self-hosted LLM gateway. With no command, or when the first argument is a switch such as --urls, it starts the gateway (serve). " +
            "Commands work on the local database as the gateway finds it (SWITCHBOARD_DATA_DIR, ConnectionStrings__Switchboard, SWITCHBOARD_MASTER_KEY), " +
            "or with --url and --key on a running gateway through its REST API.")
        {
            ServeCommand.Create(),
            CheckCommand.Create(context, target),
            SealCommand.Create(context),
            ImportPricesCommand.Create(context, target),
            ResetFromYamlCommand.Create(context, target),
            MigrateCommand.Create(context),
            KeysCommand.Create(context, target),
            UsageCommand.Create(context, target),
            VersionCommand.Create(context, target),
        };

        // Only "help" and a bare help switch reach the root (no arguments start the gateway); an action of its own keeps
        // an unknown command's error to "Unrecognized command" instead of adding "Required command was not provided".
        root.SetAction(parse => new HelpAction().Invoke(parse));
        return root;
    }
}
