namespace Switchboard.Storage.Migrations;

/// <summary>Keeps the usage rollups current as records are written: adds a daily rollup and hourly and daily rollups by user and model, and folds every raw record into them.</summary>
/// <remarks>
/// Until version 16 an hourly row held only records that the retention purge had moved out of <c>usage_records</c>, so
/// raw records and hourly rows never overlapped. From this version the writers add every record to <c>usage_hourly</c> and
/// <c>usage_daily</c> in the same transaction as the raw insert, and reports read whole hours and days from them. The
/// backfill adds the raw records that were never rolled up (merging into the hour a late record shares with purged ones),
/// then builds the daily rows from all hourly rows, and the narrow rollups (<c>usage_hourly_models</c>,
/// <c>usage_daily_models</c>: user, model, platform, provider and protocol only) from the full ones. On SQLite the money columns are summed with the exact decimal
/// functions the runner registers (<c>decimal_sum</c>, <c>decimal_add</c>). On a large table this runs for seconds.
/// </remarks>
internal static class M0018UsageRollupsCurrent
{
    /// <summary>Gets the migration.</summary>
    /// <remarks>Numbered 17 for issue 15; it carries version 16 on this branch so versions stay consecutive until the merge renumbers them.</remarks>
    public static Migration Migration { get; } = new(18, "usage_rollups_current", Sqlite, Postgres);

    private const string Sqlite = """
        CREATE TABLE usage_daily (
            day INTEGER NOT NULL,
            user_id TEXT NOT NULL,
            virtual_key_id INTEGER NOT NULL,
            agent_name TEXT NOT NULL,
            slot TEXT NOT NULL,
            catalog_model TEXT NOT NULL,
            platform TEXT NOT NULL,
            provider TEXT NOT NULL,
            key_id INTEGER NOT NULL,
            protocol TEXT NOT NULL,
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
            PRIMARY KEY (day, user_id, virtual_key_id, agent_name, slot, catalog_model, platform, provider, key_id, protocol)
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX ix_usage_daily_user_day ON usage_daily (user_id, day);
        INSERT INTO usage_hourly (hour, user_id, virtual_key_id, agent_name, slot, catalog_model, platform, provider, key_id, protocol,
            requests, errors, input_tokens, output_tokens, cached_input_tokens, cache_write_tokens, reasoning_tokens, latency_ms, ttft_ms, ttft_count,
            provider_cost, user_price)
        SELECT (timestamp / 3600000) * 3600000, user_id, COALESCE(virtual_key_id, 0), COALESCE(agent_name, ''), COALESCE(slot, ''),
            COALESCE(catalog_model, ''), COALESCE(platform, ''), COALESCE(provider, ''), COALESCE(key_id, 0), protocol,
            COUNT(*), SUM(CASE WHEN status = 'success' THEN 0 ELSE 1 END), SUM(input_tokens), SUM(output_tokens),
            SUM(cached_input_tokens), SUM(cache_write_tokens), SUM(reasoning_tokens), SUM(latency_ms), COALESCE(SUM(ttft_ms), 0), COUNT(ttft_ms),
            decimal_sum(provider_cost), decimal_sum(user_price)
        FROM usage_records WHERE true
        GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
        ON CONFLICT (hour, user_id, virtual_key_id, agent_name, slot, catalog_model, platform, provider, key_id, protocol) DO UPDATE SET
            requests = usage_hourly.requests + excluded.requests, errors = usage_hourly.errors + excluded.errors,
            input_tokens = usage_hourly.input_tokens + excluded.input_tokens, output_tokens = usage_hourly.output_tokens + excluded.output_tokens,
            cached_input_tokens = usage_hourly.cached_input_tokens + excluded.cached_input_tokens,
            cache_write_tokens = usage_hourly.cache_write_tokens + excluded.cache_write_tokens,
            reasoning_tokens = usage_hourly.reasoning_tokens + excluded.reasoning_tokens, latency_ms = usage_hourly.latency_ms + excluded.latency_ms,
            ttft_ms = usage_hourly.ttft_ms + excluded.ttft_ms, ttft_count = usage_hourly.ttft_count + excluded.ttft_count,
            provider_cost = decimal_add(usage_hourly.provider_cost, excluded.provider_cost), user_price = decimal_add(usage_hourly.user_price, excluded.user_price);
        INSERT INTO usage_daily (day, user_id, virtual_key_id, agent_name, slot, catalog_model, platform, provider, key_id, protocol,
            requests, errors, input_tokens, output_tokens, cached_input_tokens, cache_write_tokens, reasoning_tokens, latency_ms, ttft_ms, ttft_count,
            provider_cost, user_price)
        SELECT (hour / 86400000) * 86400000, user_id, virtual_key_id, agent_name, slot, catalog_model, platform, provider, key_id, protocol,
            SUM(requests), SUM(errors), SUM(input_tokens), SUM(output_tokens), SUM(cached_input_tokens), SUM(cache_write_tokens), SUM(reasoning_tokens),
            SUM(latency_ms), SUM(ttft_ms), SUM(ttft_count), decimal_sum(provider_cost), decimal_sum(user_price)
        FROM usage_hourly
        GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10;
        CREATE TABLE usage_hourly_models (
            hour INTEGER NOT NULL,
            user_id TEXT NOT NULL,
            catalog_model TEXT NOT NULL,
            platform TEXT NOT NULL,
            provider TEXT NOT NULL,
            protocol TEXT NOT NULL,
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
            PRIMARY KEY (hour, user_id, catalog_model, platform, provider, protocol)
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX ix_usage_hourly_models_user_hour ON usage_hourly_models (user_id, hour);
        INSERT INTO usage_hourly_models (hour, user_id, catalog_model, platform, provider, protocol,
            requests, errors, input_tokens, output_tokens, cached_input_tokens, cache_write_tokens, reasoning_tokens, latency_ms, ttft_ms, ttft_count,
            provider_cost, user_price)
        SELECT hour, user_id, catalog_model, platform, provider, protocol,
            SUM(requests), SUM(errors), SUM(input_tokens), SUM(output_tokens), SUM(cached_input_tokens), SUM(cache_write_tokens), SUM(reasoning_tokens),
            SUM(latency_ms), SUM(ttft_ms), SUM(ttft_count), decimal_sum(provider_cost), decimal_sum(user_price)
        FROM usage_hourly
        GROUP BY 1, 2, 3, 4, 5, 6;
        CREATE TABLE usage_daily_models (
            day INTEGER NOT NULL,
            user_id TEXT NOT NULL,
            catalog_model TEXT NOT NULL,
            platform TEXT NOT NULL,
            provider TEXT NOT NULL,
            protocol TEXT NOT NULL,
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
            PRIMARY KEY (day, user_id, catalog_model, platform, provider, protocol)
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX ix_usage_daily_models_user_day ON usage_daily_models (user_id, day);
        INSERT INTO usage_daily_models (day, user_id, catalog_model, platform, provider, protocol,
            requests, errors, input_tokens, output_tokens, cached_input_tokens, cache_write_tokens, reasoning_tokens, latency_ms, ttft_ms, ttft_count,
            provider_cost, user_price)
        SELECT day, user_id, catalog_model, platform, provider, protocol,
            SUM(requests), SUM(errors), SUM(input_tokens), SUM(output_tokens), SUM(cached_input_tokens), SUM(cache_write_tokens), SUM(reasoning_tokens),
            SUM(latency_ms), SUM(ttft_ms), SUM(ttft_count), decimal_sum(provider_cost), decimal_sum(user_price)
        FROM usage_daily
        GROUP BY 1, 2, 3, 4, 5, 6;
        """;

    private const string Postgres = """
        CREATE TABLE usage_daily (
            day timestamptz NOT NULL,
            user_id text NOT NULL,
            virtual_key_id bigint NOT NULL,
            agent_name text NOT NULL,
            slot text NOT NULL,
            catalog_model text NOT NULL,
            platform text NOT NULL,
            provider text NOT NULL,
            key_id bigint NOT NULL,
            protocol text NOT NULL,
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
            PRIMARY KEY (day, user_id, virtual_key_id, agent_name, slot, catalog_model, platform, provider, key_id, protocol)
        );
        CREATE INDEX ix_usage_daily_user_day ON usage_daily (user_id, day);
        INSERT INTO usage_hourly (hour, user_id, virtual_key_id, agent_name, slot, catalog_model, platform, provider, key_id, protocol,
            requests, errors, input_tokens, output_tokens, cached_input_tokens, cache_write_tokens, reasoning_tokens, latency_ms, ttft_ms, ttft_count,
            provider_cost, user_price)
        SELECT date_bin('1 hour', timestamp, TIMESTAMPTZ '2000-01-01 00:00:00+00'), user_id, COALESCE(virtual_key_id, 0), COALESCE(agent_name, ''),
            COALESCE(slot, ''), COALESCE(catalog_model, ''), COALESCE(platform, ''), COALESCE(provider, ''), COALESCE(key_id, 0), protocol,
            COUNT(*), SUM(CASE WHEN status = 'success' THEN 0 ELSE 1 END), SUM(input_tokens), SUM(output_tokens),
            SUM(cached_input_tokens), SUM(cache_write_tokens), SUM(reasoning_tokens), SUM(latency_ms), COALESCE(SUM(ttft_ms), 0), COUNT(ttft_ms),
            SUM(provider_cost), SUM(user_price)
        FROM usage_records
        GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
        ON CONFLICT (hour, user_id, virtual_key_id, agent_name, slot, catalog_model, platform, provider, key_id, protocol) DO UPDATE SET
            requests = usage_hourly.requests + excluded.requests, errors = usage_hourly.errors + excluded.errors,
            input_tokens = usage_hourly.input_tokens + excluded.input_tokens, output_tokens = usage_hourly.output_tokens + excluded.output_tokens,
            cached_input_tokens = usage_hourly.cached_input_tokens + excluded.cached_input_tokens,
            cache_write_tokens = usage_hourly.cache_write_tokens + excluded.cache_write_tokens,
            reasoning_tokens = usage_hourly.reasoning_tokens + excluded.reasoning_tokens, latency_ms = usage_hourly.latency_ms + excluded.latency_ms,
            ttft_ms = usage_hourly.ttft_ms + excluded.ttft_ms, ttft_count = usage_hourly.ttft_count + excluded.ttft_count,
            provider_cost = usage_hourly.provider_cost + excluded.provider_cost, user_price = usage_hourly.user_price + excluded.user_price;
        INSERT INTO usage_daily (day, user_id, virtual_key_id, agent_name, slot, catalog_model, platform, provider, key_id, protocol,
            requests, errors, input_tokens, output_tokens, cached_input_tokens, cache_write_tokens, reasoning_tokens, latency_ms, ttft_ms, ttft_count,
            provider_cost, user_price)
        SELECT date_bin('1 day', hour, TIMESTAMPTZ '2000-01-01 00:00:00+00'), user_id, virtual_key_id, agent_name, slot, catalog_model, platform, provider, key_id, protocol,
            SUM(requests), SUM(errors), SUM(input_tokens), SUM(output_tokens), SUM(cached_input_tokens), SUM(cache_write_tokens), SUM(reasoning_tokens),
            SUM(latency_ms), SUM(ttft_ms), SUM(ttft_count), SUM(provider_cost), SUM(user_price)
        FROM usage_hourly
        GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10;
        CREATE TABLE usage_hourly_models (
            hour timestamptz NOT NULL,
            user_id text NOT NULL,
            catalog_model text NOT NULL,
            platform text NOT NULL,
            provider text NOT NULL,
            protocol text NOT NULL,
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
            PRIMARY KEY (hour, user_id, catalog_model, platform, provider, protocol)
        );
        CREATE INDEX ix_usage_hourly_models_user_hour ON usage_hourly_models (user_id, hour);
        INSERT INTO usage_hourly_models (hour, user_id, catalog_model, platform, provider, protocol,
            requests, errors, input_tokens, output_tokens, cached_input_tokens, cache_write_tokens, reasoning_tokens, latency_ms, ttft_ms, ttft_count,
            provider_cost, user_price)
        SELECT hour, user_id, catalog_model, platform, provider, protocol,
            SUM(requests), SUM(errors), SUM(input_tokens), SUM(output_tokens), SUM(cached_input_tokens), SUM(cache_write_tokens), SUM(reasoning_tokens),
            SUM(latency_ms), SUM(ttft_ms), SUM(ttft_count), SUM(provider_cost), SUM(user_price)
        FROM usage_hourly
        GROUP BY 1, 2, 3, 4, 5, 6;
        CREATE TABLE usage_daily_models (
            day timestamptz NOT NULL,
            user_id text NOT NULL,
            catalog_model text NOT NULL,
            platform text NOT NULL,
            provider text NOT NULL,
            protocol text NOT NULL,
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
            PRIMARY KEY (day, user_id, catalog_model, platform, provider, protocol)
        );
        CREATE INDEX ix_usage_daily_models_user_day ON usage_daily_models (user_id, day);
        INSERT INTO usage_daily_models (day, user_id, catalog_model, platform, provider, protocol,
            requests, errors, input_tokens, output_tokens, cached_input_tokens, cache_write_tokens, reasoning_tokens, latency_ms, ttft_ms, ttft_count,
            provider_cost, user_price)
        SELECT day, user_id, catalog_model, platform, provider, protocol,
            SUM(requests), SUM(errors), SUM(input_tokens), SUM(output_tokens), SUM(cached_input_tokens), SUM(cache_write_tokens), SUM(reasoning_tokens),
            SUM(latency_ms), SUM(ttft_ms), SUM(ttft_count), SUM(provider_cost), SUM(user_price)
        FROM usage_daily
        GROUP BY 1, 2, 3, 4, 5, 6;
        """;
}
