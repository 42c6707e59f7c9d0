namespace Switchboard.Storage.Migrations;

/// <summary>Adds idempotency keys: one row per caller and key, first a claim in flight, then the stored answer, until it expires.</summary>
/// <remarks>
/// The primary key is the race arbiter: replicas claim with an insert that skips an existing row, so one wins. The claim token
/// names the holder, so a completion or release by a replica whose claim was taken over changes nothing. Rows are purged by
/// <c>expires_at</c>, hence its index.
/// </remarks>
internal static class M0011Idempotency
{
    /// <summary>Gets the migration.</summary>
    public static Migration Migration { get; } = new(11, "idempotency", Sqlite, Postgres);

    private const string Sqlite = """
        CREATE TABLE idempotency_keys (
            scope TEXT NOT NULL,
            idempotency_key TEXT NOT NULL,
            request_hash TEXT NOT NULL,
            claim_token TEXT NOT NULL,
            completed INTEGER NOT NULL DEFAULT 0,
            created_at INTEGER NOT NULL,
            in_flight_until INTEGER NOT NULL,
            expires_at INTEGER NOT NULL,
            status_code INTEGER,
            headers_json TEXT,
            body BLOB,
            PRIMARY KEY (scope, idempotency_key)
        ) STRICT;
        CREATE INDEX ix_idempotency_keys_expires_at ON idempotency_keys (expires_at);
        """;

    private const string Postgres = """
        CREATE TABLE idempotency_keys (
            scope text NOT NULL,
            idempotency_key text NOT NULL,
            request_hash text NOT NULL,
            claim_token text NOT NULL,
            completed boolean NOT NULL DEFAULT false,
            created_at timestamptz NOT NULL,
            in_flight_until timestamptz NOT NULL,
            expires_at timestamptz NOT NULL,
            status_code integer,
            headers_json text,
            body bytea,
            PRIMARY KEY (scope, idempotency_key)
        );
        CREATE INDEX ix_idempotency_keys_expires_at ON idempotency_keys (expires_at);
        """;
}
