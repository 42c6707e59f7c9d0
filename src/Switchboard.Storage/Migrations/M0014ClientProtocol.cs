namespace Switchboard.Storage.Migrations;

/// <summary>Records the client protocol each request arrived in (<c>openai-chat</c>, <c>anthropic-messages</c>, …) on usage records and as a dimension of the hourly rollups.</summary>
/// <remarks>
/// Every earlier request came through OpenAI Chat Completions, so <c>'openai-chat'</c> is both the default and the right
/// value for existing rows, without a backfill. The protocol joins the rollups' primary key, so grouping by protocol
/// stays exact after raw records are rolled up; SQLite cannot change a primary key in place, so it copies the table.
/// </remarks>
internal static class M0014ClientProtocol
{
    /// <summary>Gets the migration.</summary>
    public static Migration Migration { get; } = new(14, "client_protocol", Sqlite, Postgres);

    private const string Sqlite = """
        ALTER TABLE usage_records ADD COLUMN protocol TEXT NOT NULL DEFAULT 'openai-chat';
        CREATE TABLE usage_hourly_next (
            hour INTEGER NOT NULL,
            user_id TEXT NOT NULL,
            virtual_key_id INTEGER NOT NULL,
            agent_name TEXT NOT NULL,
            slot TEXT NOT NULL,
            catalog_model TEXT NOT NULL,
            platform TEXT NOT NULL,
            provider TEXT NOT NULL,
            key_id INTEGER NOT NULL,
            protocol TEXT NOT NULL DEFAULT 'openai-chat',
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
            PRIMARY KEY (hour, user_id, virtual_key_id, agent_name, slot, catalog_model, platform, provider, key_id, protocol)
        ) STRICT, WITHOUT ROWID;
        INSERT INTO usage_hourly_next (
            hour, user_id, virtual_key_id, agent_name, slot, catalog_model, platform, provider, key_id, protocol,
            requests, errors, input_tokens, output_tokens, cached_input_tokens, cache_write_tokens, reasoning_tokens,
            provider_cost, user_price, latency_ms, ttft_ms, ttft_count)
        SELECT hour, user_id, virtual_key_id, agent_name, slot, catalog_model, platform, provider, key_id, 'openai-chat',
            requests, errors, input_tokens, output_tokens, cached_input_tokens, cache_write_tokens, reasoning_tokens,
            provider_cost, user_price, latency_ms, ttft_ms, ttft_count
        FROM usage_hourly;
        DROP TABLE usage_hourly;
        ALTER TABLE usage_hourly_next RENAME TO usage_hourly;
        CREATE INDEX ix_usage_hourly_user_hour ON usage_hourly (user_id, hour);
        """;

    private const string Postgres = """
        ALTER TABLE usage_records ADD COLUMN protocol text NOT NULL DEFAULT 'openai-chat';
        ALTER TABLE usage_hourly ADD COLUMN protocol text NOT NULL DEFAULT 'openai-chat';
        ALTER TABLE usage_hourly DROP CONSTRAINT usage_hourly_pkey;
        ALTER TABLE usage_hourly ADD PRIMARY KEY (hour, user_id, virtual_key_id, agent_name, slot, catalog_model, platform, provider, key_id, protocol);
        """;
}
