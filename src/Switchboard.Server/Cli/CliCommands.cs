using Switchboard.Core.Secrets;

namespace Switchboard.Server.Cli;

/// <summary>Runs the command-line tools that work without starting the gateway.</summary>
internal static class CliCommands
{
    /// <summary>Runs a command when <paramref name="args"/> names one; returns false to start the gateway instead.</summary>
    public static bool TryRun(string[] args, out int exitCode)
    {
        exitCode = 0;
        switch (args[0])
        {
            case "seal":
                exitCode = Seal(args);
                return true;
            case "--help" or "help":
                Console.WriteLine("""
                    Usage:
                      Switchboard.Server [--urls http://127.0.0.1:8080]   start the gateway
                      Switchboard.Server seal <value>                      print <value> sealed with the master key, for api_key in the platforms file
                                                                           (reads the value from standard input when <value> is '-')
                    """);
                return true;
            default:
                return false;
        }
    }

    private static int Seal(string[] args)
    {
        var value = args.Length > 1 && args[1] != "-" ? args[1] : Console.In.ReadLine();
        if (string.IsNullOrEmpty(value))
        {
            Console.Error.WriteLine("seal: give the value to seal as an argument, or '-' to read it from standard input.");
            return 2;
        }

        var directory = Environment.GetEnvironmentVariable("SWITCHBOARD_DATA_DIR") ?? "data";
        Directory.CreateDirectory(directory);
        var resolution = MasterKeyResolver.Resolve(directory, Environment.GetEnvironmentVariable);
        if (resolution.Generated)
        {
            Console.Error.WriteLine($"warning: no SWITCHBOARD_MASTER_KEY set; generated one into {resolution.FilePath}. The gateway must use the same key.");
        }

        Console.WriteLine(new SecretSealer(resolution.Key).Seal(value, SecretContexts.File));
        return 0;
    }
}
