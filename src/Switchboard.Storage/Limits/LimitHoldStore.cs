using Switchboard.Storage.Internal;

namespace Switchboard.Storage.Limits;

/// <summary>Tracks which gateway process holds which budget reservations, inside the caller's write transaction, and gives back those of processes that died.</summary>
/// <remarks>
/// A hold row mirrors, per (holder, scope, budget window), the part of <c>limit_counters.reserved_nanos</c> that one process
/// reserved and has not settled. Rows are the holder's own, so replicas never contend on them. Times are unix milliseconds.
/// </remarks>
internal static class LimitHoldStore
{
    private const string HoldKey = "holder = @holder AND scope = @scope AND window_start = @start";

    /// <summary>Adds <paramref name="nanos"/> to the holder's hold on a budget row.</summary>
    public static Task AddAsync(DbSession session, string holder, string scope, long windowStart, long nanos, long now, CancellationToken cancellationToken) =>
        session.ExecuteAsync(
            "INSERT INTO limit_holds (holder, scope, window_start, reserved_nanos, updated_at) VALUES (@holder, @scope, @start, @nanos, @now) " +
            "ON CONFLICT (holder, scope, window_start) DO UPDATE SET reserved_nanos = limit_holds.reserved_nanos + excluded.reserved_nanos, updated_at = excluded.updated_at",
            cancellationToken,
            ("@holder", holder),
            ("@scope", scope),
            ("@start", windowStart),
            ("@nanos", nanos),
            ("@now", now));

    /// <summary>Takes <paramref name="nanos"/> off the holder's hold on a budget row, deleting the row once nothing is held.</summary>
    public static async Task SubtractAsync(DbSession session, string holder, string scope, long windowStart, long nanos, CancellationToken cancellationToken)
    {
        await session.ExecuteAsync(
            "UPDATE limit_holds SET reserved_nanos = CASE WHEN reserved_nanos > @nanos THEN reserved_nanos - @nanos ELSE 0 END WHERE " + HoldKey,
            cancellationToken,
            ("@holder", holder),
            ("@scope", scope),
            ("@start", windowStart),
            ("@nanos", nanos)).ConfigureAwait(false);
        await session.ExecuteAsync(
            "DELETE FROM limit_holds WHERE " + HoldKey + " AND reserved_nanos = 0",
            cancellationToken,
            ("@holder", holder),
            ("@scope", scope),
            ("@start", windowStart)).ConfigureAwait(false);
    }

    /// <summary>Records that the holder is alive.</summary>
    public static Task TouchAsync(DbSession session, string holder, long now, CancellationToken cancellationToken) =>
        session.ExecuteAsync(
            "INSERT INTO limit_holders (holder, seen_at) VALUES (@holder, @now) ON CONFLICT (holder) DO UPDATE SET seen_at = excluded.seen_at",
            cancellationToken,
            ("@holder", holder),
            ("@now", now));

    /// <summary>Lists holders not seen since <paramref name="staleBefore"/>, and holders never recorded whose holds have not changed since then (they died before their first heartbeat).</summary>
    public static Task<List<string>> StaleHoldersAsync(DbSession session, long staleBefore, CancellationToken cancellationToken) =>
        session.QueryAsync(
            "SELECT holder FROM limit_holders WHERE seen_at < @stale " +
            "UNION SELECT DISTINCT h.holder FROM limit_holds h WHERE h.updated_at < @stale AND NOT EXISTS (SELECT 1 FROM limit_holders r WHERE r.holder = h.holder)",
            r => r.GetString(0),
            cancellationToken,
            ("@stale", staleBefore));

    /// <summary>Subtracts a dead holder's holds from the budget counters and forgets it; returns how many holds were given back.</summary>
    /// <remarks>Counters never go below zero, as in settlement: a hold replayed twice must not make room a budget does not have.</remarks>
    public static async Task<int> ReleaseAsync(DbSession session, string holder, CancellationToken cancellationToken)
    {
        var holds = await session.QueryAsync(
            "SELECT scope, window_start, reserved_nanos FROM limit_holds WHERE holder = @holder ORDER BY scope, window_start",
            r => (Scope: r.GetString(0), Start: r.GetInt64(1), Nanos: r.GetInt64(2)),
            cancellationToken,
            ("@holder", holder)).ConfigureAwait(false);
        foreach (var (scope, start, nanos) in holds)
        {
            await session.ExecuteAsync(
                "UPDATE limit_counters SET reserved_nanos = CASE WHEN reserved_nanos > @nanos THEN reserved_nanos - @nanos ELSE 0 END " +
                "WHERE scope = @scope AND window_kind = 'budget' AND window_start = @start",
                cancellationToken,
                ("@scope", scope),
                ("@start", start),
                ("@nanos", nanos)).ConfigureAwait(false);
        }

        await session.ExecuteAsync("DELETE FROM limit_holds WHERE holder = @holder", cancellationToken, ("@holder", holder)).ConfigureAwait(false);
        await session.ExecuteAsync("DELETE FROM limit_holders WHERE holder = @holder", cancellationToken, ("@holder", holder)).ConfigureAwait(false);
        return holds.Count;
    }
}
