namespace Switchboard.Storage.Migrations;

/// <summary>Adds the routing log (one row per routed request: candidates, reason, attempts) and per-key quotas on upstream keys.</summary>
/// <remarks>
/// Candidates and attempts are JSON text: they are read back whole for one request or a page of requests, never
/// filtered inside. A key quota is a token limit, a provider-cost limit or both, per calendar period; its consumption
/// lives in <c>limit_counters</c> under the scope <c>upstream_key:&lt;id&gt;</c>, so no counter table is added here.
/// </remarks>
internal static class M0006RoutingLog
{
    /// <summary>Gets the migration.</summary>
    public static Migration Migration { get; } = new(6, "routing_log", Sqlite, Postgres);

    private const string Sqlite = """
        CREATE TABLE routing_log (
            request_id TEXT NOT NULL PRIMARY KEY,
            created_at INTEGER NOT NULL,
            endpoint TEXT NOT NULL,
            model TEXT NOT NULL,
            strategy TEXT NOT NULL,
            candidates_json TEXT NOT NULL,
            source_count INTEGER NOT NULL,
            sticky INTEGER NOT NULL,
            panic INTEGER NOT NULL,
            reason TEXT NOT NULL,
            attempts_json TEXT NOT NULL,
            status TEXT NOT NULL,
            http_status INTEGER NOT NULL,
            error_type TEXT,
            latency_ms REAL NOT NULL
        ) STRICT;
        CREATE INDEX ix_routing_log_created_at ON routing_log (created_at);
        CREATE INDEX ix_routing_log_model_created_at ON routing_log (model, created_at);

        ALTER TABLE platform_keys ADD COLUMN quota_tokens INTEGER;
        ALTER TABLE platform_keys ADD COLUMN quota_cost TEXT;
        ALTER TABLE platform_keys ADD COLUMN quota_period TEXT;
        """;

    private const string Postgres = """
        CREATE TABLE routing_log (
            request_id text NOT NULL PRIMARY KEY,
            created_at timestamptz NOT NULL,
            endpoint text NOT NULL,
            model text NOT NULL,
            strategy text NOT NULL,
            candidates_json text NOT NULL,
            source_count integer NOT NULL,
            sticky boolean NOT NULL,
            panic boolean NOT NULL,
            reason text NOT NULL,
            attempts_json text NOT NULL,
            status text NOT NULL,
            http_status integer NOT NULL,
            error_type text,
            latency_ms double precision NOT NULL
        );
        CREATE INDEX ix_routing_log_created_at ON routing_log (created_at);
        CREATE INDEX ix_routing_log_model_created_at ON routing_log (model, created_at);

        ALTER TABLE platform_keys ADD COLUMN quota_tokens bigint;
        ALTER TABLE platform_keys ADD COLUMN quota_cost numeric;
        ALTER TABLE platform_keys ADD COLUMN quota_period text;
        """;
}
