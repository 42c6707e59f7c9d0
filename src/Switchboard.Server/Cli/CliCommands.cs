using Switchboard.Core.Secrets;

namespace Switchboard.Server.Cli;

/// <summary>Runs the command-line tools that work without starting the gateway.</summary>
internal static class CliCommands
{
    /// <summary>Runs a command when <paramref name="args"/> names one; returns false to start the gateway instead.</summary>
    public static bool TryRun(string[] args, out int exitCode) =>
        TryRun(args, Environment.GetEnvironmentVariable, Console.In, Console.Out, Console.Error, out exitCode);

    /// <summary>Runs a command with explicit environment and streams (tests use this overload).</summary>
    public static bool TryRun(string[] args, Func<string, string?> getEnv, TextReader input, TextWriter output, TextWriter error, out int exitCode)
    {
        exitCode = 0;
        switch (args[0])
        {
            case "seal":
                exitCode = Seal(args, getEnv, input, output, error);
                return true;
            case "import-prices":
                exitCode = Pricing.ImportPricesCommand.Run(args, getEnv, output, error);
                return true;
            case "--help" or "help":
                output.WriteLine("""
                    Usage:
                      Switchboard.Server [--urls http://127.0.0.1:8080]   start the gateway
                      Switchboard.Server seal <value>                      print <value> sealed with the master key, for api_key in the platforms file
                                                                           (reads the value from standard input when <value> is '-')
                      Switchboard.Server import-prices <file> [--dry-run]  import provider prices from a LiteLLM model_prices_and_context_window.json
                                                                           into the database (--dry-run only prints what would change)
                    """);
                return true;
            default:
                return false;
        }
    }

    private static int Seal(string[] args, Func<string, string?> getEnv, TextReader input, TextWriter output, TextWriter error)
    {
        var value = args.Length > 1 && args[1] != "-" ? args[1] : input.ReadLine();
        if (string.IsNullOrEmpty(value))
        {
            error.WriteLine("seal: give the value to seal as an argument, or '-' to read it from standard input.");
            return 2;
        }

        var directory = getEnv("SWITCHBOARD_DATA_DIR") ?? "data";
        Directory.CreateDirectory(directory);
        var resolution = MasterKeyResolver.Resolve(directory, getEnv);
        if (resolution.Generated)
        {
            error.WriteLine($"warning: no SWITCHBOARD_MASTER_KEY set; generated one into {resolution.FilePath}. The gateway must use the same key.");
        }

        output.WriteLine(new SecretSealer(resolution.Key).Seal(value, SecretContexts.File));
        return 0;
    }
}
