using Switchboard.Server;
using Switchboard.Server.Cli;

if (args.Length > 0 && CliCommands.TryRun(args, out var exitCode))
{
    return exitCode;
}

var app = SwitchboardServer.Build(args);
await app.RunAsync();
return 0;
