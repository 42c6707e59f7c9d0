using System.Data.Common;
using System.Globalization;
using Switchboard.Abstractions.Usage;
using Switchboard.Storage.Internal;

namespace Switchboard.Storage.Usage;

/// <summary>Sums usage in SQL from the daily and hourly rollups and the raw records at the range's edges, grouped by a dimension or by time bucket.</summary>
/// <remarks>
/// One query per call: a UNION ALL of the parts <see cref="UsageRollupPlan"/> assigns to each source (whole days, whole
/// hours, the partial hours at the edges), grouped once, so a record counts exactly once and the cost grows with the
/// range's days and its rollup rows, not with its raw records. Money is summed exactly: <c>numeric</c> on PostgreSQL,
/// <c>decimal_sum</c> over decimal text on SQLite.
/// </remarks>
internal static class UsageAggregator
{
    /// <summary>Sums usage grouped by <paramref name="groupBy"/>, ordered by key.</summary>
    public static async Task<IReadOnlyList<UsageGroup>> AggregateAsync(DbSession session, UsageQuery query, UsageGrouping groupBy, CancellationToken cancellationToken)
    {
        var (raw, rollup) = GroupColumns(groupBy);
        var rows = await RunAsync(session, query, null, (raw, rollup, rollup), GroupColumn(groupBy), [], "g", null, ReadGroupKey, cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(r => new UsageGroup(r.Key, r.Totals))];
    }

    /// <summary>Sums usage per hour or day, oldest first; days start at midnight at <paramref name="utcOffset"/>.</summary>
    public static Task<IReadOnlyList<UsageTimeBucket>> TimelineAsync(DbSession session, UsageQuery query, UsageInterval interval, TimeSpan utcOffset, CancellationToken cancellationToken) =>
        TimelineAsync(session, query, interval == UsageInterval.Day ? TimeSpan.FromDays(1) : TimeSpan.FromHours(1), utcOffset, cancellationToken);

    /// <summary>Sums usage per bucket of <paramref name="width"/>, oldest first, only buckets with records; see <see cref="UsageBuckets"/> for the alignment.</summary>
    public static async Task<IReadOnlyList<UsageTimeBucket>> TimelineAsync(DbSession session, UsageQuery query, TimeSpan width, TimeSpan utcOffset, CancellationToken cancellationToken)
    {
        var (raw, parameters) = UsageBuckets.Expression(session, "timestamp", width, utcOffset);
        var (hourly, _) = UsageBuckets.Expression(session, UsageRollup.Hourly.Period, width, utcOffset);
        var (daily, _) = UsageBuckets.Expression(session, UsageRollup.Daily.Period, width, utcOffset);
        var rows = await RunAsync(
            session, query, (width, utcOffset), (raw, hourly, daily), null, parameters, "g", null, static (reader, dialect) => dialect.ReadTime(reader, 0).ToUniversalTime(), cancellationToken).ConfigureAwait(false);
        return [.. rows.OrderBy(r => r.Key).Select(r => new UsageTimeBucket(r.Key.ToOffset(utcOffset), r.Totals))];
    }

    /// <summary>Sums usage grouped by <paramref name="groupBy"/> and keeps the <paramref name="limit"/> largest groups by requests or by provider cost, largest first.</summary>
    public static async Task<IReadOnlyList<UsageGroup>> TopAsync(DbSession session, UsageQuery query, UsageGrouping groupBy, bool byCost, int limit, CancellationToken cancellationToken)
    {
        var (raw, rollup) = GroupColumns(groupBy);

        // Ranks by the exact total (as a double on SQLite, which keeps equal totals equal however the rollups split them).
        var cost = SqliteUsageFunctions.IsSqlite(session) ? $"CAST({SqliteUsageFunctions.MoneySum(session, "pc")} AS REAL)" : "SUM(pc)";
        var order = byCost ? $"{cost} DESC, SUM(n) DESC, g" : $"SUM(n) DESC, {cost} DESC, g";
        var rows = await RunAsync(session, query, null, (raw, rollup, rollup), GroupColumn(groupBy), [], order, limit, ReadGroupKey, cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(r => new UsageGroup(r.Key, r.Totals))];
    }

    /// <summary>Gets the raw column a grouping reads, or null for none.</summary>
    private static string? GroupColumn(UsageGrouping groupBy) => groupBy == UsageGrouping.None ? null : GroupColumns(groupBy).Raw;

    private static (string Raw, string Rollup) GroupColumns(UsageGrouping groupBy) => groupBy switch
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
        (TimeSpan Width, TimeSpan Offset)? bucket,
        (string Raw, string Hourly, string Daily) keys,
        string? groupColumn,
        (string Name, object Value)[] extra,
        string orderBy,
        int? limit,
        Func<DbDataReader, Dialect, TKey> readKey,
        CancellationToken cancellationToken)
    {
        SqliteUsageFunctions.Register(session);
        var dialect = session.Dialect;
        var oldest = await UsageRollup.OldestRawHourAsync(session, cancellationToken).ConfigureAwait(false);
        var plan = UsageRollupPlan.Create(query.From, query.To, oldest, bucket);
        var parameters = new List<(string Name, object? Value)>();
        var user = UsageFilter.Conditions(query);
        var parts = new List<string>();
        if (plan.Raw.Count > 0)
        {
            parts.Add($"""
                SELECT {keys.Raw} AS g, 1 AS n, CASE WHEN status = 'success' THEN 0 ELSE 1 END AS e,
                       input_tokens AS i, output_tokens AS o, cached_input_tokens AS c, cache_write_tokens AS w, reasoning_tokens AS r,
                       provider_cost AS pc, user_price AS up, latency_ms AS l
                FROM usage_records WHERE ({Ranges("timestamp", "r", plan.Raw, dialect, parameters)}){user}
                """);
        }

        var (hourlyTable, dailyTable) = UsageRollup.For(UsageFilter.Columns(query).Append(groupColumn ?? "user_id"));
        foreach (var (rollup, ranges, key) in new[] { (hourlyTable, plan.Hourly, keys.Hourly), (dailyTable, plan.Daily, keys.Daily) })
        {
            if (ranges.Count > 0)
            {
                parts.Add($"""
                    SELECT {key} AS g, requests AS n, errors AS e, input_tokens AS i, output_tokens AS o, cached_input_tokens AS c,
                           cache_write_tokens AS w, reasoning_tokens AS r, provider_cost AS pc, user_price AS up, latency_ms AS l
                    FROM {rollup.Table} WHERE ({Ranges(rollup.Period, rollup.Period[0..1], ranges, dialect, parameters)}){user}
                    """);
            }
        }

        if (parts.Count == 0)
        {
            return [];
        }

        var sql = $"""
            SELECT g, CAST(SUM(n) AS bigint), CAST(SUM(e) AS bigint), CAST(SUM(i) AS bigint), CAST(SUM(o) AS bigint),
                   CAST(SUM(c) AS bigint), CAST(SUM(w) AS bigint), CAST(SUM(r) AS bigint),
                   {SqliteUsageFunctions.MoneySum(session, "pc")}, {SqliteUsageFunctions.MoneySum(session, "up")}, SUM(l)
            FROM (
            {string.Join("\nUNION ALL\n", parts)}
            ) u
            GROUP BY g
            ORDER BY {orderBy}{(limit is null ? "" : " LIMIT @top")}
            """;
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

    /// <summary>Gets the condition that selects <paramref name="column"/> inside any of the half-open ranges, adding their bounds as parameters.</summary>
    private static string Ranges(string column, string prefix, List<(DateTimeOffset From, DateTimeOffset To)> ranges, Dialect dialect, List<(string Name, object? Value)> parameters)
    {
        var conditions = new string[ranges.Count];
        for (var i = 0; i < ranges.Count; i++)
        {
            var name = $"@{prefix}{i.ToString(CultureInfo.InvariantCulture)}";
            parameters.Add((name + "a", dialect.Time(ranges[i].From)));
            parameters.Add((name + "b", dialect.Time(ranges[i].To)));
            conditions[i] = $"({column} >= {name}a AND {column} < {name}b)";
        }

        return string.Join(" OR ", conditions);
    }

    /// <summary>Reads the totals from columns 1-10 of a row in this class's column order.</summary>
    public static UsageTotals ReadTotals(DbDataReader reader, Dialect dialect) => new()
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
