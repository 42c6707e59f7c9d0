using Switchboard.Server;
using Switchboard.Server.Cli;
using Switchboard.Server.Hosting;

if (args.Length > 0 && CliCommands.TryRun(args, out var exitCode))
{
    return exitCode;
}

NativeHeap.ReturnFreedMemory();
var app = SwitchboardServer.Build(args);
await app.RunAsync();
return 0;
