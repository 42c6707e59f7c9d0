namespace Switchboard.Server.Cli;

/// <summary>Stops a command with a message for the operator and the exit code that names what failed.</summary>
/// <remarks>The message is printed as it is (after secret scrubbing), without a stack trace: write it for an operator.</remarks>
internal sealed class CliFailure : Exception
{
    public CliFailure(int exitCode, string message)
        : base(message) => ExitCode = exitCode;

    public CliFailure()
    {
    }

    public CliFailure(string message)
        : base(message) => ExitCode = CliExitCodes.Failed;

    public CliFailure(string message, Exception innerException)
        : base(message, innerException) => ExitCode = CliExitCodes.Failed;

    /// <summary>Gets the process exit code, one of <see cref="CliExitCodes"/>.</summary>
    public int ExitCode { get; } = CliExitCodes.Failed;
}
