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

    /// <summary>The summed columns every rollup and a batch's groups have after their key, as a column list.</summary>
    public static readonly string SumColumns = string.Join(", ", Sums) + ", provider_cost, user_price";

    private static string[] AllDimensions => ["user_id", "virtual_key_id", "agent_name", "slot", "catalog_model", "platform", "provider", "key_id", "protocol"];

    private static string[] ModelDimensions => ["user_id", "catalog_model", "platform", "provider", "protocol"];

    /// <summary>Picks the hourly and daily rollups with the fewest rows that still have every column in <paramref name="columns"/>.</summary>
    public static (UsageRollupTable Hourly, UsageRollupTable Daily) For(IEnumerable<string> columns) =>
        HourlyByModel.Has(columns) ? (HourlyByModel, DailyByModel) : (Hourly, Daily);

    /// <summary>Gets the query that sums the records of <paramref name="source"/> (rows with <see cref="SourceColumns"/>, filtered by <paramref name="where"/>) by hour and every dimension: the batch's groups, with the columns of <see cref="Hourly"/>.</summary>
    /// <remarks>
    /// A batch is folded into the rollups in two steps: its records into these groups once, then the groups into each
    /// rollup (<see cref="UpsertSql"/>). Every rollup's period is a whole number of hours and its dimensions are a subset
    /// of the groups', so a rollup row gets the same sums either way; reading and sorting the records once instead of
    /// once per rollup is what makes it cheaper (on SQLite, where the writer shares the gateway's CPU, the four passes
    /// over the raw rows were 44 % of the writer's time per record).
    /// </remarks>
    public static string BatchGroupsSql(DbSession session, string source, string where)
    {
        var positions = string.Join(", ", Enumerable.Range(1, Hourly.Dimensions.Count + 1));
        return $"""
            SELECT {PeriodStart(session, "timestamp", Hourly.Width)} AS {Hourly.Period}, {string.Join(", ", Hourly.Dimensions.Select(d => $"{Sentinel(d)} AS {d}"))},
                   COUNT(*) AS requests, SUM(CASE WHEN status = 'success' THEN 0 ELSE 1 END) AS errors, SUM(input_tokens) AS input_tokens,
                   SUM(output_tokens) AS output_tokens, SUM(cached_input_tokens) AS cached_input_tokens, SUM(cache_write_tokens) AS cache_write_tokens,
                   SUM(reasoning_tokens) AS reasoning_tokens, SUM(latency_ms) AS latency_ms, COALESCE(SUM(ttft_ms), 0) AS ttft_ms, COUNT(ttft_ms) AS ttft_count,
                   {SqliteUsageFunctions.MoneySum(session, "provider_cost")} AS provider_cost, {SqliteUsageFunctions.MoneySum(session, "user_price")} AS user_price
            FROM {source} WHERE {where}
            GROUP BY {positions}
            """;
    }

    /// <summary>Gets the upsert that adds a batch's groups (rows shaped by <see cref="BatchGroupsSql"/>, in <paramref name="groups"/>) to a rollup.</summary>
    /// <remarks>Rows are upserted in key order, so two writers that touch the same rows lock them in the same order and never deadlock.</remarks>
    public static string UpsertSql(DbSession session, UsageRollupTable rollup, string groups)
    {
        var key = $"{rollup.Period}, {string.Join(", ", rollup.Dimensions)}";
        var positions = string.Join(", ", Enumerable.Range(1, rollup.Dimensions.Count + 1));
        var updates = string.Join(", ", Sums.Select(c => $"{c} = {rollup.Table}.{c} + excluded.{c}"))
            + $", provider_cost = {SqliteUsageFunctions.MoneyAdd(session, $"{rollup.Table}.provider_cost", "excluded.provider_cost")}"
            + $", user_price = {SqliteUsageFunctions.MoneyAdd(session, $"{rollup.Table}.user_price", "excluded.user_price")}";
        return $"""
            INSERT INTO {rollup.Table} ({key}, {SumColumns})
            SELECT {PeriodStart(session, Hourly.Period, rollup.Width)}, {string.Join(", ", rollup.Dimensions)},
                   {string.Join(", ", Sums.Select(c => $"SUM({c})"))},
                   {SqliteUsageFunctions.MoneySum(session, "provider_cost")}, {SqliteUsageFunctions.MoneySum(session, "user_price")}
            FROM {groups} WHERE true
            GROUP BY {positions}
            ORDER BY {positions}
            ON CONFLICT ({key}) DO UPDATE SET {updates}
            """;
    }

    /// <summary>Gets the SQL for the start of the hour or UTC day (<paramref name="width"/>) that the instant in <paramref name="column"/> falls in.</summary>
    private static string PeriodStart(DbSession session, string column, TimeSpan width)
    {
        var ms = (long)width.TotalMilliseconds;
        return SqliteUsageFunctions.IsSqlite(session)
            ? $"({column} / {ms}) * {ms}"
            : $"date_bin('{(width == TimeSpan.FromDays(1) ? "1 day" : "1 hour")}', {column}, TIMESTAMPTZ '2000-01-01 00:00:00+00')";
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
