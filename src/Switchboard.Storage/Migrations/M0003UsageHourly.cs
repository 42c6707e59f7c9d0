namespace Switchboard.Storage.Migrations;

/// <summary>Adds the hourly usage rollups that outlive raw records, so reports over old periods survive the raw retention.</summary>
/// <remarks>
/// Dimensions are NOT NULL with sentinels ('' for text, 0 for ids) because both databases treat NULLs as distinct in
/// a primary key, which would break the upsert that merges late records into an existing hour.
/// </remarks>
internal static class M0003UsageHourly
{
    /// <summary>Gets the migration.</summary>
    public static Migration Migration { get; } = new(3, "usage_hourly", Sqlite, Postgres);

    private const string Sqlite = """
        CREATE TABLE usage_hourly (
            hour INTEGER NOT NULL,
            user_id TEXT NOT NULL,
            virtual_key_id INTEGER NOT NULL,
            agent_name TEXT NOT NULL,
            slot TEXT NOT NULL,
            catalog_model TEXT NOT NULL,
            platform TEXT NOT NULL,
            provider TEXT NOT NULL,
            key_id INTEGER NOT NULL,
            requests INTEGER NOT NULL,
            errors INTEGER NOT NULL,
            input_tokens INTEGER NOT NULL,
            output_tokens INTEGER NOT NULL,
            cached_input_tokens INTEGER NOT NULL,
            cache_write_tokens INTEGER NOT NULL,
            reasoning_tokens INTEGER NOT NULL,
            provider_cost TEXT NOT NULL,
            user_price TEXT NOT NULL,
            latency_ms REAL NOT NULL,
            ttft_ms REAL NOT NULL,
            ttft_count INTEGER NOT NULL,
            PRIMARY KEY (hour, user_id, virtual_key_id, agent_name, slot, catalog_model, platform, provider, key_id)
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX ix_usage_hourly_user_hour ON usage_hourly (user_id, hour);
        """;

    private const string Postgres = """
        CREATE TABLE usage_hourly (
            hour timestamptz NOT NULL,
            user_id text NOT NULL,
            virtual_key_id bigint NOT NULL,
            agent_name text NOT NULL,
            slot text NOT NULL,
            catalog_model text NOT NULL,
            platform text NOT NULL,
            provider text NOT NULL,
            key_id bigint NOT NULL,
            requests bigint NOT NULL,
            errors bigint NOT NULL,
            input_tokens bigint NOT NULL,
            output_tokens bigint NOT NULL,
            cached_input_tokens bigint NOT NULL,
            cache_write_tokens bigint NOT NULL,
            reasoning_tokens bigint NOT NULL,
            provider_cost numeric NOT NULL,
            user_price numeric NOT NULL,
            latency_ms double precision NOT NULL,
            ttft_ms double precision NOT NULL,
            ttft_count bigint NOT NULL,
            PRIMARY KEY (hour, user_id, virtual_key_id, agent_name, slot, catalog_model, platform, provider, key_id)
        );
        CREATE INDEX ix_usage_hourly_user_hour ON usage_hourly (user_id, hour);
        """;
}
