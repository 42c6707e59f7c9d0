namespace Switchboard.Storage.Migrations;

/// <summary>Adds <c>limit_holders</c> and <c>limit_holds</c>: which gateway process holds which budget reservations, so the reservations of a process that died are given back.</summary>
/// <remarks>
/// A reservation lives in <c>limit_counters.reserved_nanos</c> until its request settles; a process killed in between
/// would leave it there for the rest of the budget period. Each process records, per budget row, how much of the
/// reservation is its own (<c>limit_holds</c>, with when it last changed) and when it was last alive
/// (<c>limit_holders.seen_at</c>); the holds of a process not seen for a while are subtracted from the counters and
/// deleted. Times are unix milliseconds. Minute windows need no holds:
/// they end within a minute anyway.
/// </remarks>
internal static class M0013LimitHolds
{
    /// <summary>Gets the migration.</summary>
    public static Migration Migration { get; } = new(13, "limit_holds", Sqlite, Postgres);

    private const string Sqlite = """
        CREATE TABLE limit_holders (
            holder TEXT NOT NULL PRIMARY KEY,
            seen_at INTEGER NOT NULL
        ) STRICT;
        CREATE TABLE limit_holds (
            holder TEXT NOT NULL,
            scope TEXT NOT NULL,
            window_start INTEGER NOT NULL,
            reserved_nanos INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            PRIMARY KEY (holder, scope, window_start)
        ) STRICT;
        """;

    private const string Postgres = """
        CREATE TABLE limit_holders (
            holder text NOT NULL PRIMARY KEY,
            seen_at bigint NOT NULL
        );
        CREATE TABLE limit_holds (
            holder text NOT NULL,
            scope text NOT NULL,
            window_start bigint NOT NULL,
            reserved_nanos bigint NOT NULL,
            updated_at bigint NOT NULL,
            PRIMARY KEY (holder, scope, window_start)
        );
        """;
}
