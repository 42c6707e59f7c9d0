namespace Switchboard.Storage.Migrations;

/// <summary>Adds the catalog admin's columns to catalog models: a custom name shown to users and the model's own capabilities.</summary>
/// <remarks>Both are nullable or defaulted, so existing rows need no backfill: an empty capability list means "the sources' capabilities".</remarks>
internal static class M0007Catalog
{
    /// <summary>Gets the migration.</summary>
    public static Migration Migration { get; } = new(7, "catalog", Sqlite, Postgres);

    private const string Sqlite = """
        ALTER TABLE catalog_models ADD COLUMN custom_name TEXT;
        ALTER TABLE catalog_models ADD COLUMN capabilities_json TEXT NOT NULL DEFAULT '[]';
        """;

    private const string Postgres = """
        ALTER TABLE catalog_models
            ADD COLUMN custom_name text,
            ADD COLUMN capabilities_json text NOT NULL DEFAULT '[]';
        """;
}
