namespace Switchboard.Storage.Migrations;

/// <summary>Adds <c>stored_responses</c>: OpenAI Responses API responses kept for retrieval and <c>previous_response_id</c> until they expire.</summary>
/// <remarks>
/// The JSON columns are unbounded text on both databases (SQLite's TEXT and PostgreSQL's text hold far more than the
/// megabytes a conversation may reach; the endpoint bounds the size). <c>expires_at</c> is indexed for the purge.
/// The table is written on the request path, so it carries no configuration-version trigger.
/// </remarks>
internal static class M0015StoredResponses
{
    /// <summary>Gets the migration.</summary>
    public static Migration Migration { get; } = new(15, "stored_responses", Sqlite, Postgres);

    private const string Sqlite = """
        CREATE TABLE stored_responses (
            id TEXT NOT NULL PRIMARY KEY,
            owner TEXT NOT NULL,
            model TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            expires_at INTEGER NOT NULL,
            previous_response_id TEXT,
            input_json TEXT NOT NULL,
            response_json TEXT NOT NULL
        ) STRICT;
        CREATE INDEX ix_stored_responses_expires_at ON stored_responses (expires_at);
        """;

    private const string Postgres = """
        CREATE TABLE stored_responses (
            id text NOT NULL PRIMARY KEY,
            owner text NOT NULL,
            model text NOT NULL,
            created_at timestamptz NOT NULL,
            expires_at timestamptz NOT NULL,
            previous_response_id text,
            input_json text NOT NULL,
            response_json text NOT NULL
        );
        CREATE INDEX ix_stored_responses_expires_at ON stored_responses (expires_at);
        """;
}
