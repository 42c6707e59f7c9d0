using Switchboard.Storage.Internal;

namespace Switchboard.Storage.Usage;

/// <summary>Names the usage rollups, builds the SQL that folds usage records into them, and does the time arithmetic of their periods.</summary>
/// <remarks>
/// Four rollups: hourly and daily (UTC), each once with every dimension a report groups or filters by and once by user,
/// model, platform, provider and protocol only (a small gateway has ~2,500 full-dimension combinations a day but ~450 of
/// the narrow ones, and the month usage and cost reports need no more). All are written in the same transaction as the
/// raw records they sum (see the usage writers), so at every commit a rollup row holds exactly the records of its period
/// and dimensions that were ever inserted, whether the raw records still exist or expired; a daily row is the sum of its
/// day's hourly rows. Dimensions are NOT NULL with sentinels ('' and 0) so the upsert finds its row (NULLs are distinct
/// in a key).
/// </remarks>
internal static class UsageRollup
{
    /// <summary>The hourly rollup with every dimension a report groups or filters by.</summary>
    public static readonly UsageRollupTable Hourly = new("usage_hourly", "hour", TimeSpan.FromHours(1), AllDimensions);

    /// <summary>The daily (UTC) rollup with every dimension.</summary>
    public static readonly UsageRollupTable Daily = new("usage_daily", "day", TimeSpan.FromDays(1), AllDimensions);

    /// <summary>The hourly rollup by user, model, platform, provider and protocol only: far fewer rows per hour, for the reports that need no more.</summary>
    public static readonly UsageRollupTable HourlyByModel = new("usage_hourly_models", "hour", TimeSpan.FromHours(1), ModelDimensions);

    /// <summary>The daily rollup by user, model, platform, provider and protocol only.</summary>
    public static readonly UsageRollupTable DailyByModel = new("usage_daily_models", "day", TimeSpan.FromDays(1), ModelDimensions);

    /// <summary>Every rollup, in the order a batch writes them.</summary>
    public static readonly UsageRollupTable[] All = [Hourly, Daily, HourlyByModel, DailyByModel];

    /// <summary>The columns a rollup needs from a usage record, as a RETURNING list or a select list.</summary>
    public const string SourceColumns =
        "timestamp, user_id, virtual_key_id, agent_name, slot, catalog_model, platform, provider, key_id, protocol, status, " +
        "input_tokens, output_tokens, cached_input_tokens, cache_write_tokens, reasoning_tokens, latency_ms, ttft_ms, provider_cost, user_price";

    private static readonly string[] Sums =
        ["requests", "errors", "input_tokens", "output_tokens", "cached_input_tokens", "cache_write_tokens", "reasoning_tokens", "latency_ms", "ttft_ms", "ttft_count"];

    private static string[] AllDimensions => ["user_id", "virtual_key_id", "agent_name", "slot", "catalog_model", "platform", "provider", "key_id", "protocol"];

    private static string[] ModelDimensions => ["user_id", "catalog_model", "platform", "provider", "protocol"];

    /// <summary>Picks the hourly and daily rollups with the fewest rows that still have every column in <paramref name="columns"/>.</summary>
    public static (UsageRollupTable Hourly, UsageRollupTable Daily) For(IEnumerable<string> columns) =>
        HourlyByModel.Has(columns) ? (HourlyByModel, DailyByModel) : (Hourly, Daily);

    /// <summary>Gets the upsert that adds the records of <paramref name="source"/> (rows with <see cref="SourceColumns"/>, filtered by <paramref name="where"/>) to a rollup.</summary>
    /// <remarks>Rows are upserted in key order, so two writers that touch the same rows lock them in the same order and never deadlock.</remarks>
    public static string UpsertSql(DbSession session, UsageRollupTable rollup, string source, string where)
    {
        var sqlite = SqliteUsageFunctions.IsSqlite(session);
        var ms = (long)rollup.Width.TotalMilliseconds;
        var period = sqlite
            ? $"(timestamp / {ms}) * {ms}"
            : $"date_bin('{(rollup.Width == TimeSpan.FromDays(1) ? "1 day" : "1 hour")}', timestamp, TIMESTAMPTZ '2000-01-01 00:00:00+00')";
        var key = $"{rollup.Period}, {string.Join(", ", rollup.Dimensions)}";
        var positions = string.Join(", ", Enumerable.Range(1, rollup.Dimensions.Count + 1));
        var updates = string.Join(", ", Sums.Select(c => $"{c} = {rollup.Table}.{c} + excluded.{c}"))
            + $", provider_cost = {SqliteUsageFunctions.MoneyAdd(session, $"{rollup.Table}.provider_cost", "excluded.provider_cost")}"
            + $", user_price = {SqliteUsageFunctions.MoneyAdd(session, $"{rollup.Table}.user_price", "excluded.user_price")}";
        return $"""
            INSERT INTO {rollup.Table} ({key}, {string.Join(", ", Sums)}, provider_cost, user_price)
            SELECT {period}, {string.Join(", ", rollup.Dimensions.Select(Sentinel))},
                   COUNT(*), SUM(CASE WHEN status = 'success' THEN 0 ELSE 1 END), SUM(input_tokens), SUM(output_tokens),
                   SUM(cached_input_tokens), SUM(cache_write_tokens), SUM(reasoning_tokens), SUM(latency_ms),
                   COALESCE(SUM(ttft_ms), 0), COUNT(ttft_ms),
                   {SqliteUsageFunctions.MoneySum(session, "provider_cost")}, {SqliteUsageFunctions.MoneySum(session, "user_price")}
            FROM {source} WHERE {where}
            GROUP BY {positions}
            ORDER BY {positions}
            ON CONFLICT ({key}) DO UPDATE SET {updates}
            """;
    }

    /// <summary>Gets a raw record's value for a rollup dimension: a missing id becomes 0 and a missing name '' (the user and protocol are never missing).</summary>
    private static string Sentinel(string dimension) => dimension switch
    {
        "user_id" or "protocol" => dimension,
        "virtual_key_id" or "key_id" => $"COALESCE({dimension}, 0)",
        _ => $"COALESCE({dimension}, '')",
    };

    /// <summary>Returns the start of the hour of the oldest raw record, or null when there is none: older hours live only in the rollups.</summary>
    public static async Task<DateTimeOffset?> OldestRawHourAsync(DbSession session, CancellationToken cancellationToken)
    {
        var dialect = session.Dialect;
        var rows = await session.QueryAsync(
            "SELECT MIN(timestamp) FROM usage_records",
            reader => dialect.ReadTimeOrNull(reader, 0),
            cancellationToken).ConfigureAwait(false);
        return rows[0] is { } oldest ? Floor(oldest, TimeSpan.FromHours(1)) : null;
    }

    /// <summary>Rounds an instant down to a multiple of <paramref name="width"/> (an hour or a day) since the Unix epoch, in UTC.</summary>
    public static DateTimeOffset Floor(DateTimeOffset value, TimeSpan width)
    {
        var ticks = value.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        var floored = ticks - (((ticks % width.Ticks) + width.Ticks) % width.Ticks);
        return DateTimeOffset.UnixEpoch.AddTicks(floored);
    }

    /// <summary>Rounds an instant up to a multiple of <paramref name="width"/> since the Unix epoch, in UTC.</summary>
    public static DateTimeOffset Ceiling(DateTimeOffset value, TimeSpan width)
    {
        var floor = Floor(value, width);
        return floor == value ? floor : floor + width;
    }

    /// <summary>Rounds an instant down to the start of its UTC hour.</summary>
    public static DateTimeOffset FloorHour(DateTimeOffset value) => Floor(value, TimeSpan.FromHours(1));
}
