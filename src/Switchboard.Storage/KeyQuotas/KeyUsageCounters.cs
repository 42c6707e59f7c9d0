using Switchboard.Abstractions.Tenancy;
using Switchboard.Storage.Internal;

namespace Switchboard.Storage.KeyQuotas;

/// <summary>Counts upstream keys' consumption in the shared <c>limit_counters</c> table, under the scope <c>upstream_key:&lt;id&gt;</c>.</summary>
/// <remarks>
/// A key's window is a budget row (as users' budgets are): provider cost in <c>spent_nanos</c>, tokens in <c>tokens</c>
/// (users count tokens on minute rows, so the column is free here). Adding is one upsert that returns the new totals,
/// atomic per row in both databases; rows are touched in key order so concurrent batches never wait in a cycle.
/// </remarks>
internal static class KeyUsageCounters
{
    private const string BudgetKind = "budget";

    private const string AddSql =
        "INSERT INTO limit_counters (scope, window_kind, window_start, spent_nanos, reserved_nanos, requests, tokens) " +
        "VALUES (@scope, @kind, @start, @spent, 0, 0, @tokens) ON CONFLICT (scope, window_kind, window_start) DO UPDATE SET " +
        "spent_nanos = limit_counters.spent_nanos + excluded.spent_nanos, tokens = limit_counters.tokens + excluded.tokens " +
        "RETURNING tokens, spent_nanos";

    /// <summary>Gets the counter scope of an upstream key.</summary>
    public static string Scope(long keyId) => "upstream_key:" + keyId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Adds each amount to its key's window and returns the new totals in the given order.</summary>
    public static async Task<KeyUsage[]> AddAsync(DbSession session, IReadOnlyList<KeyUsage> usage, CancellationToken cancellationToken)
    {
        var totals = new KeyUsage[usage.Count];
        foreach (var i in Enumerable.Range(0, usage.Count).OrderBy(i => usage[i].KeyId).ThenBy(i => usage[i].WindowStart))
        {
            var amount = usage[i];
            var rows = await session.QueryAsync(
                AddSql,
                r => (Tokens: r.GetInt64(0), Spent: r.GetInt64(1)),
                cancellationToken,
                ("@scope", Scope(amount.KeyId)),
                ("@kind", BudgetKind),
                ("@start", amount.WindowStart.ToUnixTimeMilliseconds()),
                ("@spent", amount.CostNanos),
                ("@tokens", amount.Tokens)).ConfigureAwait(false);
            totals[i] = amount with { Tokens = rows[0].Tokens, CostNanos = rows[0].Spent };
        }

        return totals;
    }

    /// <summary>Reads the totals of the given windows; absent rows read as zeros.</summary>
    public static async Task<KeyUsage[]> GetAsync(DbSession session, IReadOnlyList<(long KeyId, DateTimeOffset WindowStart)> windows, CancellationToken cancellationToken)
    {
        var totals = new KeyUsage[windows.Count];
        for (var i = 0; i < windows.Count; i++)
        {
            var (keyId, start) = windows[i];
            var rows = await session.QueryAsync(
                "SELECT tokens, spent_nanos FROM limit_counters WHERE scope = @scope AND window_kind = @kind AND window_start = @start",
                r => (Tokens: r.GetInt64(0), Spent: r.GetInt64(1)),
                cancellationToken,
                ("@scope", Scope(keyId)),
                ("@kind", BudgetKind),
                ("@start", start.ToUnixTimeMilliseconds())).ConfigureAwait(false);
            totals[i] = rows.Count == 0 ? new KeyUsage(keyId, start, 0, 0) : new KeyUsage(keyId, start, rows[0].Tokens, rows[0].Spent);
        }

        return totals;
    }
}
