namespace Switchboard.Server.Cli;

/// <summary>Tells a command from the gateway's own switches: the one rule that decides whether the arguments start the gateway.</summary>
/// <remarks>
/// <para>
/// The first argument decides. No argument, <c>serve</c>, or a first argument that is an ASP.NET Core switch (it starts
/// with <c>-</c> or <c>/</c>, or is a <c>key=value</c> setting) starts the gateway and hands every argument after
/// <c>serve</c> (or all of them) to ASP.NET Core unchanged, so <c>--urls</c> and every configuration switch keep working.
/// Anything else is parsed as a command: a known one runs, an unknown one is an error (exit 2) and never starts the gateway.
/// </para>
/// <para>
/// A help switch (<c>-h</c>, <c>--help</c>, <c>-?</c>, <c>/?</c>, <c>/h</c>) anywhere among the gateway's switches prints
/// the help of <c>serve</c> instead of starting it; <c>-h</c>, <c>--help</c> or <c>--version</c> first is the root's help or version.
/// </para>
/// </remarks>
internal static class CommandRouter
{
    /// <summary>The command that starts the gateway.</summary>
    public const string Serve = "serve";

    private static readonly string[] HelpSwitches = ["-h", "--help", "-?", "/?", "/h"];

    /// <summary>Decides what the arguments ask for.</summary>
    /// <param name="args">The process's arguments.</param>
    /// <param name="gatewayArgs">When the gateway starts: the arguments for ASP.NET Core.</param>
    /// <param name="commandArgs">Otherwise: the arguments to parse as a command.</param>
    /// <returns>True when the arguments start the gateway.</returns>
    public static bool StartsGateway(IReadOnlyList<string> args, out string[] gatewayArgs, out string[] commandArgs)
    {
        ArgumentNullException.ThrowIfNull(args);
        gatewayArgs = [];
        commandArgs = [];
        if (args.Count == 0)
        {
            return true;
        }

        var first = args[0];
        if (IsHelp(first) || first == "--version")
        {
            commandArgs = [.. args];
            return false;
        }

        if (first == "help")
        {
            // "help keys create" is "keys create --help".
            commandArgs = [.. args.Skip(1), "--help"];
            return false;
        }

        string[] switches;
        if (first == Serve)
        {
            switches = [.. args.Skip(1)];
        }
        else if (IsGatewaySwitch(first))
        {
            switches = [.. args];
        }
        else
        {
            commandArgs = [.. args];
            return false;
        }

        if (switches.Any(IsHelp))
        {
            commandArgs = [Serve, "--help"];
            return false;
        }

        gatewayArgs = switches;
        return true;
    }

    private static bool IsHelp(string argument) => HelpSwitches.Contains(argument, StringComparer.Ordinal);

    /// <summary>Returns true for an argument ASP.NET Core's command-line configuration reads: <c>--key value</c>, <c>-key</c>, <c>/key value</c> or <c>key=value</c>.</summary>
    private static bool IsGatewaySwitch(string argument) =>
        argument.StartsWith('-') || argument.StartsWith('/') || argument.Contains('=', StringComparison.Ordinal);
}
