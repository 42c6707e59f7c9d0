namespace Switchboard.Storage.Migrations;

/// <summary>
/// Adds <c>config_changes</c>: what each configuration version changed (a kind and an entity id), so a replica can apply
/// the changes after its version instead of loading the whole configuration again.
/// </summary>
/// <remarks>
/// A row covers the versions after <c>previous_version</c> up to <c>version</c>: the bumps of the one transaction that
/// wrote it (PostgreSQL bumps once per transaction, SQLite once per row). Writers that do not record a change (the
/// CLI, a platforms-file reset, hand-written SQL) leave a version no row covers, and a replica that finds such a gap
/// loads everything, as before. The table itself carries no configuration-version trigger: recording a change must
/// not be a change. Issue 15 numbers this migration 18; on this branch it follows 15 (versions must be consecutive).
/// </remarks>
internal static class M0017ConfigChanges
{
    /// <summary>Gets the migration.</summary>
    public static Migration Migration { get; } = new(17, "config_changes", Sqlite, Postgres);

    private const string Sqlite = """
        CREATE TABLE config_changes (
            id INTEGER NOT NULL PRIMARY KEY,
            version INTEGER NOT NULL,
            previous_version INTEGER NOT NULL,
            kind TEXT NOT NULL,
            entity_id TEXT NOT NULL
        ) STRICT;
        CREATE INDEX ix_config_changes_version ON config_changes (version);
        """;

    private const string Postgres = """
        CREATE TABLE config_changes (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            version bigint NOT NULL,
            previous_version bigint NOT NULL,
            kind text NOT NULL,
            entity_id text NOT NULL
        );
        CREATE INDEX ix_config_changes_version ON config_changes (version);
        """;
}
