namespace Switchboard.Server.Cli.Check;

/// <summary>Says how one check went.</summary>
internal enum CheckOutcome
{
    /// <summary>All is well.</summary>
    Passed = 0,

    /// <summary>Works, but deserves attention (a generated master key, a plain-text key in the file).</summary>
    Warning = 1,

    /// <summary>Could not run because an earlier check found nothing to check against.</summary>
    Skipped = 2,

    /// <summary>Fails; the line's exit code names it.</summary>
    Failed = 3,
}
