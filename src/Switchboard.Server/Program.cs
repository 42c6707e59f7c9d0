using Switchboard.Server.Cli;

return await CliApp.RunAsync(args);
