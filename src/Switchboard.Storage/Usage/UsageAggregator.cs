using System.Data.Common;
using System.Globalization;
using Switchboard.Abstractions.Usage;
using Switchboard.Storage.Internal;

namespace Switchboard.Storage.Usage;

/// <summary>Sums usage in SQL over raw records and hourly rollups together, grouped by a dimension or by time bucket.</summary>
/// <remarks>
/// One query per call: a UNION ALL of raw records and rollup rows, grouped once, so a record counts whether it is
/// still raw or already rolled up, and never both (the roll-up moves records atomically). Money is summed exactly:
/// <c>numeric</c> on PostgreSQL, <c>decimal_sum</c> over decimal text on SQLite.
/// </remarks>
internal static class UsageAggregator
{
    /// <summary>Sums usage grouped by <paramref name="groupBy"/>, ordered by key.</summary>
    public static async Task<IReadOnlyList<UsageGroup>> AggregateAsync(DbSession session, UsageQuery query, UsageGrouping groupBy, CancellationToken cancellationToken)
    {
        var (raw, hourly) = GroupColumns(groupBy);
        var rows = await RunAsync(session, query, raw, hourly, [], "g", null, ReadGroupKey, cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(r => new UsageGroup(r.Key, r.Totals))];
    }

    /// <summary>Sums usage per hour or day, oldest first; days start at midnight at <paramref name="utcOffset"/>.</summary>
    public static Task<IReadOnlyList<UsageTimeBucket>> TimelineAsync(DbSession session, UsageQuery query, UsageInterval interval, TimeSpan utcOffset, CancellationToken cancellationToken) =>
        TimelineAsync(session, query, interval == UsageInterval.Day ? TimeSpan.FromDays(1) : TimeSpan.FromHours(1), utcOffset, cancellationToken);

    /// <summary>Sums usage per bucket of <paramref name="width"/>, oldest first, only buckets with records; see <see cref="UsageBuckets"/> for the alignment.</summary>
    public static async Task<IReadOnlyList<UsageTimeBucket>> TimelineAsync(DbSession session, UsageQuery query, TimeSpan width, TimeSpan utcOffset, CancellationToken cancellationToken)
    {
        var (raw, parameters) = UsageBuckets.Expression(session, "timestamp", width, utcOffset);
        var (hourly, _) = UsageBuckets.Expression(session, "hour", width, utcOffset);
        var rows = await RunAsync(session, query, raw, hourly, parameters, "g", null, static (reader, dialect) => dialect.ReadTime(reader, 0).ToUniversalTime(), cancellationToken).ConfigureAwait(false);
        return [.. rows.OrderBy(r => r.Key).Select(r => new UsageTimeBucket(r.Key.ToOffset(utcOffset), r.Totals))];
    }

    /// <summary>Sums usage grouped by <paramref name="groupBy"/> and keeps the <paramref name="limit"/> largest groups by requests or by provider cost, largest first.</summary>
    public static async Task<IReadOnlyList<UsageGroup>> TopAsync(DbSession session, UsageQuery query, UsageGrouping groupBy, bool byCost, int limit, CancellationToken cancellationToken)
    {
        var (raw, hourly) = GroupColumns(groupBy);

        // Ranking only: SQLite's REAL sum may differ from the exact total in the last digits, which never reorders real spenders.
        var cost = SqliteUsageFunctions.IsSqlite(session) ? "SUM(CAST(pc AS REAL))" : "SUM(pc)";
        var order = byCost ? $"{cost} DESC, SUM(n) DESC, g" : $"SUM(n) DESC, {cost} DESC, g";
        var rows = await RunAsync(session, query, raw, hourly, [], order, limit, ReadGroupKey, cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(r => new UsageGroup(r.Key, r.Totals))];
    }

    private static (string Raw, string Hourly) GroupColumns(UsageGrouping groupBy) => groupBy switch
    {
        UsageGrouping.None => ("NULL", "NULL"),
        UsageGrouping.Model => ("catalog_model", "NULLIF(catalog_model, '')"),
        UsageGrouping.Agent => ("agent_name", "NULLIF(agent_name, '')"),
        UsageGrouping.Provider => ("provider", "NULLIF(provider, '')"),
        UsageGrouping.Platform => ("platform", "NULLIF(platform, '')"),
        UsageGrouping.VirtualKey => ("virtual_key_id", "NULLIF(virtual_key_id, 0)"),
        UsageGrouping.UpstreamKey => ("key_id", "NULLIF(key_id, 0)"),
        UsageGrouping.User => ("user_id", "user_id"),
        UsageGrouping.Slot => ("slot", "NULLIF(slot, '')"),
        UsageGrouping.Protocol => ("protocol", "protocol"),
        _ => throw new ArgumentOutOfRangeException(nameof(groupBy), groupBy, "Unknown grouping."),
    };

    private static string? ReadGroupKey(DbDataReader reader, Dialect dialect) =>
        reader.IsDBNull(0) ? null : Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture);

    private static async Task<List<(TKey Key, UsageTotals Totals)>> RunAsync<TKey>(
        DbSession session,
        UsageQuery query,
        string rawKey,
        string hourlyKey,
        (string Name, object Value)[] extra,
        string orderBy,
        int? limit,
        Func<DbDataReader, Dialect, TKey> readKey,
        CancellationToken cancellationToken)
    {
        SqliteUsageFunctions.Register(session);
        var user = UsageFilter.Conditions(query);
        var sql = $"""
            SELECT g, CAST(SUM(n) AS bigint), CAST(SUM(e) AS bigint), CAST(SUM(i) AS bigint), CAST(SUM(o) AS bigint),
                   CAST(SUM(c) AS bigint), CAST(SUM(w) AS bigint), CAST(SUM(r) AS bigint),
                   {SqliteUsageFunctions.MoneySum(session, "pc")}, {SqliteUsageFunctions.MoneySum(session, "up")}, SUM(l)
            FROM (
                SELECT {rawKey} AS g, 1 AS n, CASE WHEN status = 'success' THEN 0 ELSE 1 END AS e,
                       input_tokens AS i, output_tokens AS o, cached_input_tokens AS c, cache_write_tokens AS w, reasoning_tokens AS r,
                       provider_cost AS pc, user_price AS up, latency_ms AS l
                FROM usage_records WHERE timestamp >= @from AND timestamp < @to{user}
                UNION ALL
                SELECT {hourlyKey}, requests, errors, input_tokens, output_tokens, cached_input_tokens, cache_write_tokens, reasoning_tokens,
                       provider_cost, user_price, latency_ms
                FROM usage_hourly WHERE hour >= @from AND hour < @to{user}
            ) u
            GROUP BY g
            ORDER BY {orderBy}{(limit is null ? "" : " LIMIT @top")}
            """;
        var dialect = session.Dialect;
        var parameters = new List<(string Name, object? Value)> { ("@from", dialect.Time(query.From)), ("@to", dialect.Time(query.To)) };
        UsageFilter.AddParameters(query, parameters);

        parameters.AddRange(extra.Select(p => (p.Name, (object?)p.Value)));
        if (limit is { } top)
        {
            parameters.Add(("@top", top));
        }

        await using var command = session.Command(sql, parameters.ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<(TKey, UsageTotals)>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add((readKey(reader, dialect), ReadTotals(reader, dialect)));
        }

        return rows;
    }

    private static UsageTotals ReadTotals(DbDataReader reader, Dialect dialect) => new()
    {
        Requests = reader.GetInt64(1),
        Errors = reader.GetInt64(2),
        InputTokens = reader.GetInt64(3),
        OutputTokens = reader.GetInt64(4),
        CachedInputTokens = reader.GetInt64(5),
        CacheWriteTokens = reader.GetInt64(6),
        ReasoningTokens = reader.GetInt64(7),
        ProviderCost = dialect.ReadMoneyOrNull(reader, 8) ?? 0m,
        UserPrice = dialect.ReadMoneyOrNull(reader, 9) ?? 0m,
        TotalLatencyMs = reader.IsDBNull(10) ? 0 : reader.GetDouble(10),
    };
}
