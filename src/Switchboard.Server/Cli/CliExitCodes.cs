namespace Switchboard.Server.Cli;

/// <summary>Names the exit codes of every command; README's "Command line" section lists them.</summary>
/// <remarks>
/// The codes from <see cref="Database"/> to <see cref="PlatformsFile"/> are in the order <c>check</c> reports the first
/// failure in: a database that cannot be read hides whether the master key matches, and a wrong master key makes every
/// sealed key and every <c>ENC:</c> value in the file fail too.
/// </remarks>
internal static class CliExitCodes
{
    /// <summary>The command did what it was asked.</summary>
    public const int Success = 0;

    /// <summary>The command ran but failed: the gateway refused the request, no such key, a price file with a mistake.</summary>
    public const int Failed = 1;

    /// <summary>The command line is wrong: an unknown command or option, a missing or invalid argument.</summary>
    public const int Usage = 2;

    /// <summary>The database cannot be reached or read, or there is none yet where one is needed.</summary>
    public const int Database = 3;

    /// <summary>The master key is missing, unreadable, or not the key that sealed the stored secrets.</summary>
    public const int MasterKey = 4;

    /// <summary>A stored upstream key cannot be opened with the master key.</summary>
    public const int SealedKeys = 5;

    /// <summary>The platforms file (SWITCHBOARD_CONFIG) is missing or has a mistake.</summary>
    public const int PlatformsFile = 6;

    /// <summary>The gateway at <c>--url</c> cannot be reached, is not ready, or reports itself unhealthy.</summary>
    public const int Gateway = 7;
}
