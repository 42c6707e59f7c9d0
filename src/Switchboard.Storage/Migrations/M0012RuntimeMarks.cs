namespace Switchboard.Storage.Migrations;

/// <summary>Adds <c>runtime_marks</c>: the cooldowns, invalid-key marks and ejections that replicas on one database share.</summary>
/// <remarks>
/// One row per (kind, subject, model), replaced by each newer mark, so the table holds only what is current.
/// <c>updated_at</c> comes from the database's clock and is indexed, so each replica reads what changed since its last
/// read cheaply; <c>until</c> is indexed for the maintenance that deletes ended marks. <c>model</c> is empty for marks
/// on a whole key or source, which keeps it in the primary key without nulls.
/// </remarks>
internal static class M0012RuntimeMarks
{
    /// <summary>Gets the migration.</summary>
    public static Migration Migration { get; } = new(12, "runtime_marks", Sqlite, Postgres);

    private const string Sqlite = """
        CREATE TABLE runtime_marks (
            kind TEXT NOT NULL,
            subject_id INTEGER NOT NULL,
            model TEXT NOT NULL DEFAULT '',
            until INTEGER,
            reason TEXT,
            fingerprint TEXT,
            replica TEXT NOT NULL,
            updated_at INTEGER NOT NULL,
            PRIMARY KEY (kind, subject_id, model)
        ) STRICT;
        CREATE INDEX ix_runtime_marks_updated_at ON runtime_marks (updated_at);
        CREATE INDEX ix_runtime_marks_until ON runtime_marks (until);
        """;

    private const string Postgres = """
        CREATE TABLE runtime_marks (
            kind text NOT NULL,
            subject_id bigint NOT NULL,
            model text NOT NULL DEFAULT '',
            until timestamptz,
            reason text,
            fingerprint text,
            replica text NOT NULL,
            updated_at timestamptz NOT NULL,
            PRIMARY KEY (kind, subject_id, model)
        );
        CREATE INDEX ix_runtime_marks_updated_at ON runtime_marks (updated_at);
        CREATE INDEX ix_runtime_marks_until ON runtime_marks (until);
        """;
}
