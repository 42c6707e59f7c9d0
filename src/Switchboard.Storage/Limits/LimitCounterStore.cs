using Switchboard.Abstractions.Tenancy;
using Switchboard.Storage.Internal;

namespace Switchboard.Storage.Limits;

/// <summary>Charges, settles and reads budget and rate-limit counters inside the caller's write transaction.</summary>
/// <remarks>
/// Every check is a conditional <c>UPDATE</c>: the row lock plus the re-checked <c>WHERE</c> (PostgreSQL READ COMMITTED
/// re-evaluates it on the newest row version after waiting for the lock; SQLite runs one writer at a time under
/// <c>BEGIN IMMEDIATE</c>) make concurrent admissions exact without reading first. Rows are touched in one global
/// order (scope, then budget before minute) so two transactions never wait on each other in a cycle.
/// Window starts are unix milliseconds in both databases.
/// </remarks>
internal static class LimitCounterStore
{
    /// <summary>The window kind of budget rows.</summary>
    internal const string BudgetKind = "budget";

    /// <summary>The window kind of minute rows.</summary>
    internal const string MinuteKind = "minute";
    private const string RowKey = "scope = @scope AND window_kind = @kind AND window_start = @start";

    private const string EnsureRowSql =
        "INSERT INTO limit_counters (scope, window_kind, window_start, spent_nanos, reserved_nanos, requests, tokens) " +
        "VALUES (@scope, @kind, @start, 0, 0, 0, 0) ON CONFLICT (scope, window_kind, window_start) DO NOTHING";

    private const string ReserveSql =
        "UPDATE limit_counters SET reserved_nanos = reserved_nanos + @reserve WHERE " + RowKey +
        " AND spent_nanos + reserved_nanos + @reserve <= @budget";

    /// <summary>Reserves what is left of the budget when a full reservation no longer fits, if the row is still as it was read.</summary>
    private const string ReserveRemainderSql =
        "UPDATE limit_counters SET reserved_nanos = reserved_nanos + @reserve WHERE " + RowKey +
        " AND spent_nanos = @spent AND reserved_nanos = @reserved";

    private const string CountRequestSql = "UPDATE limit_counters SET requests = requests + 1, tokens = tokens + @reserve_tokens WHERE " + RowKey;
    private const string RpmCondition = " AND requests + 1 <= @rpm";
    private const string TpmCondition = " AND tokens < @tpm";

    /// <summary>How often a remainder reservation re-reads a row another writer changed between its read and its update.</summary>
    private const int RemainderAttempts = 16;

    /// <summary>Charges every scope or stops at the first refusal; the caller commits only an accepted admission.</summary>
    /// <remarks>
    /// A budget whose remainder is smaller than the request's worst case still admits it, reserving the remainder: a budget
    /// is refused only once it is spent or wholly reserved, so the overrun is bounded by one request's price beyond what was left.
    /// </remarks>
    public static async Task<LimitAdmission> TryAdmitAsync(DbSession session, IReadOnlyList<LimitCharge> charges, CancellationToken cancellationToken)
    {
        Dictionary<string, long>? partial = null;
        foreach (var charge in charges.OrderBy(c => c.Scope, StringComparer.Ordinal))
        {
            if (charge.BudgetNanos is { } budget)
            {
                var start = charge.BudgetWindowStart.ToUnixTimeMilliseconds();
                await EnsureRowAsync(session, charge.Scope, BudgetKind, start, cancellationToken).ConfigureAwait(false);
                var reserved = await session.ExecuteAsync(
                    ReserveSql,
                    cancellationToken,
                    ("@scope", charge.Scope),
                    ("@kind", BudgetKind),
                    ("@start", start),
                    ("@reserve", charge.ReserveNanos),
                    ("@budget", budget)).ConfigureAwait(false);
                var held = charge.ReserveNanos;
                if (reserved == 0)
                {
                    var (remainder, spentOut) = await ReserveRemainderAsync(session, charge.Scope, start, budget, cancellationToken).ConfigureAwait(false);
                    if (remainder <= 0)
                    {
                        // A budget held by requests in flight is not used up: they may spend less than they reserved.
                        return Refused(charge, spentOut ? "budget" : "budget_reserved");
                    }

                    (partial ??= new Dictionary<string, long>(StringComparer.Ordinal))[charge.Scope] = remainder;
                    held = remainder;
                }

                if (charge.Holder is { } holder && held > 0)
                {
                    await LimitHoldStore.AddAsync(session, holder, charge.Scope, start, held, charge.MinuteWindowStart.ToUnixTimeMilliseconds(), cancellationToken).ConfigureAwait(false);
                }
            }

            if (charge.RequestsPerMinute is null && charge.TokensPerMinute is null)
            {
                continue;
            }

            var minute = charge.MinuteWindowStart.ToUnixTimeMilliseconds();
            await EnsureRowAsync(session, charge.Scope, MinuteKind, minute, cancellationToken).ConfigureAwait(false);
            if (!await CountRequestAsync(session, charge, minute, cancellationToken).ConfigureAwait(false))
            {
                return Refused(charge, await RefusingMinuteLimitAsync(session, charge, minute, cancellationToken).ConfigureAwait(false));
            }
        }

        return partial is null ? LimitAdmission.Admitted : new LimitAdmission { Accepted = true, PartialReservations = partial };
    }

    /// <summary>Releases reservations, adds actual spend and tokens; rows that do not exist are left alone unless the settlement counts a request.</summary>
    public static async Task SettleAsync(DbSession session, IReadOnlyList<LimitSettlement> settlements, CancellationToken cancellationToken)
    {
        foreach (var settlement in settlements.OrderBy(s => s.Scope, StringComparer.Ordinal))
        {
            // Rows are touched in admission's order (budget, then minute), so a settlement and an admission never wait on each other in a cycle.
            if (settlement.Requests > 0)
            {
                // The request was admitted while the counters were unreachable: its spend and its request are charged now.
                await EnsureRowAsync(session, settlement.Scope, BudgetKind, settlement.BudgetWindowStart.ToUnixTimeMilliseconds(), cancellationToken).ConfigureAwait(false);
            }

            if (settlement.ReservedNanos != 0 || settlement.SpentNanos != 0)
            {
                // Never below zero: a settlement replayed twice must not make room the budget does not have.
                await session.ExecuteAsync(
                    "UPDATE limit_counters SET reserved_nanos = CASE WHEN reserved_nanos > @reserved THEN reserved_nanos - @reserved ELSE 0 END, " +
                    "spent_nanos = spent_nanos + @spent WHERE " + RowKey,
                    cancellationToken,
                    ("@scope", settlement.Scope),
                    ("@kind", BudgetKind),
                    ("@start", settlement.BudgetWindowStart.ToUnixTimeMilliseconds()),
                    ("@reserved", settlement.ReservedNanos),
                    ("@spent", settlement.SpentNanos)).ConfigureAwait(false);
                if (settlement.Holder is { } holder && settlement.ReservedNanos > 0)
                {
                    await LimitHoldStore.SubtractAsync(session, holder, settlement.Scope, settlement.BudgetWindowStart.ToUnixTimeMilliseconds(), settlement.ReservedNanos, cancellationToken).ConfigureAwait(false);
                }
            }

            if (settlement.Requests != 0)
            {
                await EnsureRowAsync(session, settlement.Scope, MinuteKind, settlement.MinuteWindowStart.ToUnixTimeMilliseconds(), cancellationToken).ConfigureAwait(false);
                // Negative when a replica gives back the unused requests of its minute slice; never below zero, as above.
                await session.ExecuteAsync(
                    "UPDATE limit_counters SET requests = CASE WHEN requests + @requests > 0 THEN requests + @requests ELSE 0 END WHERE " + RowKey,
                    cancellationToken,
                    ("@scope", settlement.Scope),
                    ("@kind", MinuteKind),
                    ("@start", settlement.MinuteWindowStart.ToUnixTimeMilliseconds()),
                    ("@requests", settlement.Requests)).ConfigureAwait(false);
            }

            if (settlement.Tokens != settlement.ReservedTokens)
            {
                // The reservation made at admission is replaced by the actual tokens; never below zero, as above.
                await session.ExecuteAsync(
                    "UPDATE limit_counters SET tokens = CASE WHEN tokens + @delta > 0 THEN tokens + @delta ELSE 0 END WHERE " + RowKey,
                    cancellationToken,
                    ("@scope", settlement.Scope),
                    ("@kind", MinuteKind),
                    ("@start", settlement.MinuteWindowStart.ToUnixTimeMilliseconds()),
                    ("@delta", settlement.Tokens - settlement.ReservedTokens)).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Reads a scope's budget and minute counters; absent rows read as zeros.</summary>
    public static async Task<LimitCounters> GetCountersAsync(
        DbSession session, string scope, DateTimeOffset budgetWindowStart, DateTimeOffset minuteWindowStart, CancellationToken cancellationToken)
    {
        var rows = await session.QueryAsync(
            "SELECT window_kind, spent_nanos, reserved_nanos, requests, tokens FROM limit_counters WHERE scope = @scope AND " +
            "((window_kind = @budget_kind AND window_start = @budget_start) OR (window_kind = @minute_kind AND window_start = @minute_start))",
            r => (Kind: r.GetString(0), Spent: r.GetInt64(1), Reserved: r.GetInt64(2), Requests: r.GetInt32(3), Tokens: r.GetInt64(4)),
            cancellationToken,
            ("@scope", scope),
            ("@budget_kind", BudgetKind),
            ("@budget_start", budgetWindowStart.ToUnixTimeMilliseconds()),
            ("@minute_kind", MinuteKind),
            ("@minute_start", minuteWindowStart.ToUnixTimeMilliseconds())).ConfigureAwait(false);
        var budget = rows.Find(r => r.Kind == BudgetKind);
        var minute = rows.Find(r => r.Kind == MinuteKind);
        return new LimitCounters(budget.Spent, budget.Reserved, minute.Requests, minute.Tokens);
    }

    /// <summary>Reads the budget rows of the scopes starting with <paramref name="prefix"/> in the given windows.</summary>
    /// <remarks>The prefix is compared with <c>substr</c>, not <c>LIKE</c>: user ids may hold <c>%</c> and <c>_</c>.</remarks>
    public static async Task<IReadOnlyList<BudgetCounter>> ListBudgetCountersAsync(
        DbSession session, string prefix, IReadOnlyCollection<DateTimeOffset> windowStarts, CancellationToken cancellationToken)
    {
        var windows = windowStarts.Select((w, i) => ($"@w{i}", (object?)w.ToUnixTimeMilliseconds())).ToList();
        var parameters = new List<(string Name, object? Value)> { ("@kind", BudgetKind), ("@prefix", prefix), ("@length", prefix.Length) };
        parameters.AddRange(windows);
        return await session.QueryAsync(
            "SELECT scope, window_start, spent_nanos, reserved_nanos FROM limit_counters WHERE window_kind = @kind AND " +
            $"substr(scope, 1, @length) = @prefix AND window_start IN ({string.Join(", ", windows.Select(w => w.Item1))})",
            r => new BudgetCounter(r.GetString(0), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(1)), r.GetInt64(2), r.GetInt64(3)),
            cancellationToken,
            [.. parameters]).ConfigureAwait(false);
    }

    /// <summary>Deletes minute rows that started before the cutoff.</summary>
    public static Task<int> PurgeMinuteCountersAsync(DbSession session, DateTimeOffset olderThan, CancellationToken cancellationToken) =>
        session.ExecuteAsync(
            "DELETE FROM limit_counters WHERE window_kind = @kind AND window_start < @cutoff",
            cancellationToken,
            ("@kind", MinuteKind),
            ("@cutoff", olderThan.ToUnixTimeMilliseconds()));

    /// <summary>Reserves what is left of a budget row; returns the amount reserved (0 when nothing is left) and whether the budget is spent rather than held by reservations.</summary>
    /// <remarks>The update re-checks the values it read, so a concurrent writer between the read and the update makes it read again.</remarks>
    private static async Task<(long Reserved, bool SpentOut)> ReserveRemainderAsync(DbSession session, string scope, long start, long budget, CancellationToken cancellationToken)
    {
        var spentOut = true;
        for (var attempt = 0; attempt < RemainderAttempts; attempt++)
        {
            var rows = await session.QueryAsync(
                "SELECT spent_nanos, reserved_nanos FROM limit_counters WHERE " + RowKey,
                r => (Spent: r.GetInt64(0), Reserved: r.GetInt64(1)),
                cancellationToken,
                ("@scope", scope),
                ("@kind", BudgetKind),
                ("@start", start)).ConfigureAwait(false);
            if (rows.Count == 0)
            {
                return (0, spentOut);
            }

            var (spent, reserved) = rows[0];
            var remainder = budget - spent - reserved;
            spentOut = spent >= budget;
            if (remainder <= 0)
            {
                return (0, spentOut);
            }

            var updated = await session.ExecuteAsync(
                ReserveRemainderSql,
                cancellationToken,
                ("@scope", scope),
                ("@kind", BudgetKind),
                ("@start", start),
                ("@reserve", remainder),
                ("@spent", spent),
                ("@reserved", reserved)).ConfigureAwait(false);
            if (updated > 0)
            {
                return (remainder, false);
            }
        }

        return (0, spentOut);
    }

    /// <summary>Creates a counter row at zero unless it exists.</summary>
    internal static Task<int> EnsureRowAsync(DbSession session, string scope, string kind, long start, CancellationToken cancellationToken) =>
        session.ExecuteAsync(EnsureRowSql, cancellationToken, ("@scope", scope), ("@kind", kind), ("@start", start));

    /// <summary>Counts the request on the minute row when the RPM and TPM limits allow it; a TPM-only scope counts requests too.</summary>
    private static async Task<bool> CountRequestAsync(DbSession session, LimitCharge charge, long minute, CancellationToken cancellationToken)
    {
        var sql = (charge.RequestsPerMinute, charge.TokensPerMinute) switch
        {
            (not null, not null) => CountRequestSql + RpmCondition + TpmCondition,
            (not null, null) => CountRequestSql + RpmCondition,
            _ => CountRequestSql + TpmCondition,
        };
        List<(string Name, object? Value)> parameters =
            [("@scope", charge.Scope), ("@kind", MinuteKind), ("@start", minute), ("@reserve_tokens", charge.TokensPerMinute is null ? 0L : charge.ReserveTokens)];
        if (charge.RequestsPerMinute is { } rpm)
        {
            parameters.Add(("@rpm", rpm));
        }

        if (charge.TokensPerMinute is { } tpm)
        {
            parameters.Add(("@tpm", tpm));
        }

        return await session.ExecuteAsync(sql, cancellationToken, [.. parameters]).ConfigureAwait(false) > 0;
    }

    /// <summary>Names the minute limit that refused: RPM when the request count is at it, TPM otherwise.</summary>
    /// <remarks>Only reads when both limits are set; a concurrent change between the update and this read can only blur which limit is named, never the refusal itself.</remarks>
    private static async Task<string> RefusingMinuteLimitAsync(DbSession session, LimitCharge charge, long minute, CancellationToken cancellationToken)
    {
        if (charge.RequestsPerMinute is not { } rpm)
        {
            return "tpm";
        }

        if (charge.TokensPerMinute is null)
        {
            return "rpm";
        }

        var requests = await session.ScalarInt64Async(
            "SELECT requests FROM limit_counters WHERE " + RowKey,
            cancellationToken,
            ("@scope", charge.Scope),
            ("@kind", MinuteKind),
            ("@start", minute)).ConfigureAwait(false);
        return requests + 1 > rpm ? "rpm" : "tpm";
    }

    private static LimitAdmission Refused(LimitCharge charge, string limit) =>
        new() { Accepted = false, Scope = charge.Scope, Limit = limit };
}
