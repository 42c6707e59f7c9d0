namespace Switchboard.Storage.Migrations;

/// <summary>Adds the response cache's opt-ins: a lifetime in seconds on catalog models and on virtual keys (null: not opted in).</summary>
internal static class M0016ResponseCache
{
    /// <summary>Gets the migration.</summary>
    public static Migration Migration { get; } = new(16, "response_cache", Sqlite, Postgres);

    private const string Sqlite = """
        ALTER TABLE catalog_models ADD COLUMN cache_ttl_seconds INTEGER;
        ALTER TABLE virtual_keys ADD COLUMN cache_ttl_seconds INTEGER;
        """;

    private const string Postgres = """
        ALTER TABLE catalog_models ADD COLUMN cache_ttl_seconds integer;
        ALTER TABLE virtual_keys ADD COLUMN cache_ttl_seconds integer;
        """;
}
