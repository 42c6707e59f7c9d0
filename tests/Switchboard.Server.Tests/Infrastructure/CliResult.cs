namespace Switchboard.Server.Tests.Infrastructure;

/// <summary>What a command line run printed and how it ended.</summary>
/// <param name="ExitCode">The process exit code.</param>
/// <param name="Output">Everything written to standard output.</param>
/// <param name="Error">Everything written to standard error.</param>
/// <param name="WorkingDirectory">The directory the command ran in.</param>
public sealed record CliResult(int ExitCode, string Output, string Error, string WorkingDirectory)
{
    /// <summary>Describes the run for an assertion message.</summary>
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Output}\nstderr:\n{Error}";
}
