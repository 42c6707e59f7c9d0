using Switchboard.Abstractions.Usage;
using Switchboard.Storage.Internal;

namespace Switchboard.Storage.Usage;

/// <summary>Moves raw usage records older than a cutoff into hourly rollup rows, one day per transaction.</summary>
/// <remarks>
/// Each chunk inserts (or merges into) hourly rows and deletes the same raw records in one transaction, so a record
/// is always counted exactly once by <see cref="UsageAggregator"/>. A record that arrives late for an hour that was
/// already rolled up (a journal replay after a long outage) is merged into that hour by the next run.
/// </remarks>
internal static class UsageRollup
{
    private static readonly string[] Dimensions = ["hour", "user_id", "virtual_key_id", "agent_name", "slot", "catalog_model", "platform", "provider", "key_id", "protocol"];

    private static readonly string[] Sums =
        ["requests", "errors", "input_tokens", "output_tokens", "cached_input_tokens", "cache_write_tokens", "reasoning_tokens", "latency_ms", "ttft_ms", "ttft_count"];

    /// <summary>Returns the start of the oldest hour that still has raw records before <paramref name="cutoff"/>, or null.</summary>
    public static async Task<DateTimeOffset?> OldestAsync(DbSession session, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var dialect = session.Dialect;
        var rows = await session.QueryAsync(
            "SELECT MIN(timestamp) FROM usage_records WHERE timestamp < @cutoff",
            reader => dialect.ReadTimeOrNull(reader, 0),
            cancellationToken,
            ("@cutoff", dialect.Time(cutoff))).ConfigureAwait(false);
        return rows[0] is { } oldest ? FloorHour(oldest) : null;
    }

    /// <summary>Rolls up and deletes raw records in [<paramref name="from"/>, <paramref name="to"/>); returns (records, hourly rows).</summary>
    public static async Task<(long Records, long Rows)> MoveAsync(DbSession session, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        SqliteUsageFunctions.Register(session);
        var sqlite = SqliteUsageFunctions.IsSqlite(session);
        var hour = sqlite ? "(timestamp / 3600000) * 3600000" : "date_bin('1 hour', timestamp, TIMESTAMPTZ '2000-01-01 00:00:00+00')";
        var updates = string.Join(", ", Sums.Select(c => $"{c} = usage_hourly.{c} + excluded.{c}"))
            + $", provider_cost = {SqliteUsageFunctions.MoneyAdd(session, "usage_hourly.provider_cost", "excluded.provider_cost")}"
            + $", user_price = {SqliteUsageFunctions.MoneyAdd(session, "usage_hourly.user_price", "excluded.user_price")}";
        var sql = $"""
            INSERT INTO usage_hourly ({string.Join(", ", Dimensions)}, {string.Join(", ", Sums)}, provider_cost, user_price)
            SELECT {hour}, user_id, COALESCE(virtual_key_id, 0), COALESCE(agent_name, ''), COALESCE(slot, ''),
                   COALESCE(catalog_model, ''), COALESCE(platform, ''), COALESCE(provider, ''), COALESCE(key_id, 0), protocol,
                   COUNT(*), SUM(CASE WHEN status = 'success' THEN 0 ELSE 1 END), SUM(input_tokens), SUM(output_tokens),
                   SUM(cached_input_tokens), SUM(cache_write_tokens), SUM(reasoning_tokens), SUM(latency_ms),
                   COALESCE(SUM(ttft_ms), 0), COUNT(ttft_ms),
                   {SqliteUsageFunctions.MoneySum(session, "provider_cost")}, {SqliteUsageFunctions.MoneySum(session, "user_price")}
            FROM usage_records WHERE timestamp >= @from AND timestamp < @to
            GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
            ON CONFLICT ({string.Join(", ", Dimensions)}) DO UPDATE SET {updates}
            """;
        var dialect = session.Dialect;
        var range = new[] { ("@from", dialect.Time(from)), ("@to", dialect.Time(to)) };
        var rows = await session.ExecuteAsync(sql, cancellationToken, range.Select(p => (p.Item1, (object?)p.Item2)).ToArray()).ConfigureAwait(false);
        var records = await session.ExecuteAsync(
            "DELETE FROM usage_records WHERE timestamp >= @from AND timestamp < @to",
            cancellationToken,
            range.Select(p => (p.Item1, (object?)p.Item2)).ToArray()).ConfigureAwait(false);
        return (records, rows);
    }

    /// <summary>Rounds an instant down to the start of its UTC hour.</summary>
    public static DateTimeOffset FloorHour(DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerHour), TimeSpan.Zero);
    }
}
