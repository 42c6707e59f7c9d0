namespace Switchboard.Storage.Migrations;

/// <summary>Adds a price for every token class: cache-write prices on platform models, cached-input and cache-write user prices on catalog models, and the one-hour share of cache writes on usage records.</summary>
/// <remarks>
/// Every price column is nullable: null means "the default rule" (the provider kind's multiplier for cache writes, the
/// serving source's ratio for user prices), so existing rows keep today's charges without a backfill. The token column
/// defaults to 0, which is what every existing record had: no one-hour writes were told apart before.
/// </remarks>
internal static class M0010Prices
{
    /// <summary>Gets the migration.</summary>
    public static Migration Migration { get; } = new(10, "prices", Sqlite, Postgres);

    private const string Sqlite = """
        ALTER TABLE platform_models ADD COLUMN cache_write_price_per_million TEXT;
        ALTER TABLE platform_models ADD COLUMN cache_write_1h_price_per_million TEXT;
        ALTER TABLE catalog_models ADD COLUMN user_cached_input_price_per_million TEXT;
        ALTER TABLE catalog_models ADD COLUMN user_cache_write_price_per_million TEXT;
        ALTER TABLE usage_records ADD COLUMN cache_write_1h_tokens INTEGER NOT NULL DEFAULT 0;
        """;

    private const string Postgres = """
        ALTER TABLE platform_models
            ADD COLUMN cache_write_price_per_million numeric,
            ADD COLUMN cache_write_1h_price_per_million numeric;
        ALTER TABLE catalog_models
            ADD COLUMN user_cached_input_price_per_million numeric,
            ADD COLUMN user_cache_write_price_per_million numeric;
        ALTER TABLE usage_records ADD COLUMN cache_write_1h_tokens bigint NOT NULL DEFAULT 0;
        """;
}
