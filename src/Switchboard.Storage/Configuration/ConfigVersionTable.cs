namespace Switchboard.Storage.Configuration;

/// <summary>Names the configuration version row (created by migration 9) and the PostgreSQL channel its bumps are announced on.</summary>
internal static class ConfigVersionTable
{
    /// <summary>The <c>LISTEN</c>/<c>NOTIFY</c> channel; each notification's payload is the new version.</summary>
    public const string Channel = "switchboard_config";

    /// <summary>Reads the version: a one-row primary-key lookup.</summary>
    public const string ReadSql = "SELECT version FROM config_version WHERE id = 1";
}
