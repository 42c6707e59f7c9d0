using System.CommandLine;
using Switchboard.Server.Hosting;

namespace Switchboard.Server.Cli;

/// <summary><c>serve</c>: starts the gateway; the default. <see cref="CommandRouter"/> sends its arguments to ASP.NET Core unparsed.</summary>
internal static class ServeCommand
{
    /// <summary>Creates the command for help and the command list; its switches never go through this parser.</summary>
    public static Command Create()
    {
        var switches = new Argument<string[]>("switches")
        {
            Description = "ASP.NET Core switches, passed on unchanged: --urls http://127.0.0.1:8080, --Switchboard:Gateway:MaxAttempts=2, --environment Development, key=value …",
            Arity = ArgumentArity.ZeroOrMore,
        };
        return new Command(
            CommandRouter.Serve,
            "Start the gateway: the default when no command is given or the first argument is a switch such as --urls. " +
            "Configuration also comes from appsettings.json and the environment (Switchboard__…, SWITCHBOARD_…).")
        {
            switches,
        };
    }

    /// <summary>Builds and runs the gateway until it is stopped (Ctrl+C or SIGTERM).</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        NativeHeap.ReturnFreedMemory();
        SocketCompletions.RunInlineUnlessConfigured();
        var app = SwitchboardServer.Build(args);
        await app.RunAsync();
        return CliExitCodes.Success;
    }
}
