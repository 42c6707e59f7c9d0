namespace Switchboard.Server.Cli.Check;

/// <summary>One line of <c>check</c>'s report: what was checked, how it went, the detail, and the exit code a failure means.</summary>
/// <param name="Name">What was checked.</param>
/// <param name="Outcome">How it went.</param>
/// <param name="Detail">What was found, naming no secret.</param>
/// <param name="ExitCode">The exit code when <paramref name="Outcome"/> is <see cref="CheckOutcome.Failed"/>, else 0.</param>
internal sealed record CheckLine(string Name, CheckOutcome Outcome, string Detail, int ExitCode)
{
    public static CheckLine Pass(string name, string detail) => new(name, CheckOutcome.Passed, detail, CliExitCodes.Success);

    public static CheckLine Warn(string name, string detail) => new(name, CheckOutcome.Warning, detail, CliExitCodes.Success);

    public static CheckLine Skip(string name, string detail) => new(name, CheckOutcome.Skipped, detail, CliExitCodes.Success);

    public static CheckLine Fail(string name, int exitCode, string detail) => new(name, CheckOutcome.Failed, detail, exitCode);
}
