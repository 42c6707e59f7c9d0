namespace Switchboard.Storage.Migrations;

/// <summary>
/// Adds the configuration version: one row that every write to a configuration table bumps, by trigger, in the writing
/// transaction; on PostgreSQL the bump also sends <c>NOTIFY switchboard_config, '&lt;version&gt;'</c>.
/// </summary>
/// <remarks>
/// Configuration tables are the ones the routing snapshot is built from (<c>ConfigurationReader</c>). Usage, rollups,
/// alerts, slot repairs, limit counters, the routing log and the migrations table are not: a write there must never make
/// every replica reload. A later migration that adds a configuration table adds its own triggers.
/// Triggers rather than calls in the storage code, so that no writer can forget the bump: the admin API, the CLI on
/// another machine, a platforms-file reset and hand-written SQL all move the version the same way.
/// PostgreSQL bumps once per transaction (statement triggers skip a transaction that already bumped, so one NOTIFY per
/// commit); the row's lock orders concurrent writers, so versions follow commit order. SQLite bumps once per written row;
/// its single writer orders them.
/// </remarks>
internal static class M0009ConfigVersion
{
    /// <summary>The configuration tables as of this version.</summary>
    private static readonly string[] ConfigurationTables =
    [
        "settings", "platforms", "platform_keys", "platform_models", "catalog_models", "catalog_sources",
        "virtual_keys", "users", "usage_slots", "platform_visibility",
    ];

    /// <summary>Gets the migration.</summary>
    public static Migration Migration { get; } = new(9, "config_version", SqliteSql(), PostgresSql());

    private static string SqliteSql()
    {
        var sql = new System.Text.StringBuilder("""
            CREATE TABLE config_version (
                id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
                version INTEGER NOT NULL
            ) STRICT;
            INSERT INTO config_version (id, version) VALUES (1, 1);

            """);
        foreach (var table in ConfigurationTables)
        {
            foreach (var (suffix, operation) in new[] { ("insert", "INSERT"), ("update", "UPDATE"), ("delete", "DELETE") })
            {
                sql.Append($"CREATE TRIGGER config_version_{table}_{suffix} AFTER {operation} ON {table} ")
                    .Append("BEGIN UPDATE config_version SET version = version + 1 WHERE id = 1; END;\n");
            }
        }

        return sql.ToString();
    }

    private static string PostgresSql()
    {
        var sql = new System.Text.StringBuilder("""
            CREATE TABLE config_version (
                id integer NOT NULL PRIMARY KEY CHECK (id = 1),
                version bigint NOT NULL,
                bumped_by_xact bigint
            );
            INSERT INTO config_version (id, version) VALUES (1, 1);

            CREATE FUNCTION switchboard_bump_config_version() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                bumped bigint;
            BEGIN
                UPDATE config_version SET version = version + 1, bumped_by_xact = txid_current()
                    WHERE id = 1 AND bumped_by_xact IS DISTINCT FROM txid_current()
                    RETURNING version INTO bumped;
                IF bumped IS NOT NULL THEN
                    PERFORM pg_notify('switchboard_config', bumped::text);
                END IF;
                RETURN NULL;
            END
            $$;

            """);
        foreach (var table in ConfigurationTables)
        {
            sql.Append($"CREATE TRIGGER config_version_bump AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} ")
                .Append("FOR EACH STATEMENT EXECUTE FUNCTION switchboard_bump_config_version();\n");
        }

        return sql.ToString();
    }
}
