using System.Diagnostics;
using System.Globalization;
using Switchboard.Abstractions.Usage;
using Switchboard.Storage;
using Switchboard.Storage.Usage;

namespace Switchboard.Benchmarks;

/// <summary>Seeds a month of usage and times the month usage and cost reports from the rollups against the same reports summed over raw records.</summary>
/// <remarks>
/// <para>
/// <c>usage-reports --db "Data Source=…" | "Host=…" [--records 1000000] [--days 30] [--runs 5]</c>. Seeds through the real
/// usage writer (batches of 5,000, rollups included) unless the database already holds records, then times each report
/// <c>--runs</c> times and prints the median: "raw" is the query the reports ran before rollups were kept current (the
/// UNION of raw records and hourly rows, whose hourly part is empty while nothing is purged), "rollups" is the store's
/// own answer. It also checks that both give the same totals.
/// </para>
/// <para>
/// The seed looks like a small company's gateway: 50 users with two virtual keys each, one agent per key, three of eight
/// catalog models per user (each on a fixed platform and provider), two upstream keys per platform, one protocol per key
/// for nine requests in ten, a slot on one in five and 3 % errors.
/// </para>
/// </remarks>
internal static class UsageReportBench
{
    private static readonly string[] Models = ["gpt-4o", "gpt-4o-mini", "claude-sonnet", "claude-haiku", "gemini-pro", "gemini-flash", "qwen-max", "deepseek-chat"];
    private static readonly string[] Platforms = ["openai", "openai", "anthropic", "anthropic", "google", "google", "dashscope", "deepseek"];
    private static readonly string[] Providers = ["openai", "openai", "anthropic", "anthropic", "gemini", "gemini", "openai", "openai"];
    private static readonly string[] Protocols = ["openai-chat", "anthropic-messages", "openai-responses"];

    public static async Task<int> RunAsync(string[] args)
    {
        var connection = Option(args, "--db") ?? throw new ArgumentException("usage-reports needs --db.");
        var count = int.Parse(Option(args, "--records") ?? "1000000", CultureInfo.InvariantCulture);
        var days = int.Parse(Option(args, "--days") ?? "30", CultureInfo.InvariantCulture);
        var runs = int.Parse(Option(args, "--runs") ?? "5", CultureInfo.InvariantCulture);
        await using var database = SwitchboardStorage.Create(connection);
        await database.MigrateAsync(CancellationToken.None);
        var now = DateTimeOffset.UtcNow;
        if (await database.Usage.CountAsync(CancellationToken.None) == 0)
        {
            var seeding = Stopwatch.StartNew();
            var random = new Random(15);
            var start = now.AddDays(-days);
            var step = TimeSpan.FromDays(days).Ticks / count;
            for (var written = 0; written < count;)
            {
                var batch = new List<UsageRecord>(5000);
                for (var i = 0; i < 5000 && written < count; i++, written++)
                {
                    batch.Add(Record(random, written, start.AddTicks(step * written)));
                }

                await database.Usage.InsertAsync(batch, CancellationToken.None);
            }

            Console.WriteLine(FormattableString.Invariant($"seeded {count:N0} records over {days} days in {seeding.Elapsed.TotalSeconds:F1} s ({count / seeding.Elapsed.TotalSeconds:N0} records/s, rollups included)"));
        }

        Console.WriteLine(
            FormattableString.Invariant($"{database.ProviderName}: {await CountAsync(database, "usage_records"):N0} raw records; rows hourly {await CountAsync(database, "usage_hourly"):N0}, daily {await CountAsync(database, "usage_daily"):N0}, ") +
            FormattableString.Invariant($"hourly by model {await CountAsync(database, "usage_hourly_models"):N0}, daily by model {await CountAsync(database, "usage_daily_models"):N0}"));
        var month = new UsageQuery(now.AddDays(-30), now.AddMilliseconds(1));
        var day = new UsageQuery(now.AddDays(-1), now.AddMilliseconds(1));
        var india = new TimeSpan(5, 30, 0);
        var reports = new (string Name, Func<Task<string>> Raw, Func<Task<string>> Rollups)[]
        {
            ("month usage report (by model + per day)",
                async () => await RawAsync(database, month, "catalog_model", null) + await RawAsync(database, month, null, (TimeSpan.FromDays(1), TimeSpan.Zero)),
                async () => Text(await database.Usage.AggregateAsync(month, UsageGrouping.Model, CancellationToken.None)) + Text(await database.Usage.TimelineAsync(month, UsageInterval.Day, TimeSpan.Zero, CancellationToken.None))),
            ("month usage report at utc_offset +05:30",
                async () => await RawAsync(database, month, "catalog_model", null) + await RawAsync(database, month, null, (TimeSpan.FromDays(1), india)),
                async () => Text(await database.Usage.AggregateAsync(month, UsageGrouping.Model, CancellationToken.None)) + Text(await database.Usage.TimelineAsync(month, UsageInterval.Day, india, CancellationToken.None))),
            ("month cost report (by provider)",
                () => RawAsync(database, month, "provider", null),
                async () => Text(await database.Usage.AggregateAsync(month, UsageGrouping.Provider, CancellationToken.None))),
            ("24 h usage report (by model + per hour)",
                async () => await RawAsync(database, day, "catalog_model", null) + await RawAsync(database, day, null, (TimeSpan.FromHours(1), TimeSpan.Zero)),
                async () => Text(await database.Usage.AggregateAsync(day, UsageGrouping.Model, CancellationToken.None)) + Text(await database.Usage.TimelineAsync(day, UsageInterval.Hour, TimeSpan.Zero, CancellationToken.None))),
        };
        var same = true;
        foreach (var (name, raw, rollups) in reports)
        {
            var (rawMedian, rawCpu, rawText) = await MedianAsync(raw, runs);
            var (rollupMedian, rollupCpu, rollupText) = await MedianAsync(rollups, runs);
            same &= rawText == rollupText;
            Console.WriteLine(FormattableString.Invariant(
                $"{database.ProviderName,-8} {name,-42} raw {rawMedian,7:F3} s (cpu {rawCpu,6:F3})   rollups {rollupMedian,7:F3} s (cpu {rollupCpu,6:F3})   ×{rawMedian / rollupMedian,6:F1}   {(rawText == rollupText ? "same answer" : "DIFFERENT ANSWER")}"));
        }

        return same ? 0 : 1;
    }

    /// <summary>Runs a report and returns the median wall time and the median CPU time of this process (SQLite's work; PostgreSQL's runs in its server).</summary>
    private static async Task<(double Median, double Cpu, string Text)> MedianAsync(Func<Task<string>> report, int runs)
    {
        var times = new List<double>();
        var cpu = new List<double>();
        var text = string.Empty;
        using var process = Process.GetCurrentProcess();
        for (var i = 0; i < runs; i++)
        {
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            text = await report();
            times.Add(clock.Elapsed.TotalSeconds);
            process.Refresh();
            cpu.Add((process.TotalProcessorTime - cpuBefore).TotalSeconds);
        }

        times.Sort();
        cpu.Sort();
        return (times[times.Count / 2], cpu[cpu.Count / 2], text);
    }

    private static string Text(IEnumerable<UsageGroup> groups) =>
        string.Concat(groups.OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Line(g.Key, g.Totals)));

    private static string Text(IEnumerable<UsageTimeBucket> buckets) =>
        string.Concat(buckets.Select(b => Line(b.Start.UtcDateTime.ToString("O", CultureInfo.InvariantCulture), b.Totals)));

    private static string Line(string? key, UsageTotals t) => FormattableString.Invariant(
        $"{key}:{t.Requests}/{t.Errors}/{t.InputTokens}/{t.OutputTokens}/{t.CachedInputTokens}/{t.CacheWriteTokens}/{t.ReasoningTokens}/{t.ProviderCost}/{t.UserPrice}/{Math.Round(t.TotalLatencyMs, 3)}\n");

    /// <summary>Sums the range over raw records only, the way the reports did before (their hourly part is empty while nothing is purged).</summary>
    private static async Task<string> RawAsync(SwitchboardDatabase database, UsageQuery query, string? column, (TimeSpan Width, TimeSpan Offset)? bucket)
    {
        await using var session = await database.Dialect.BeginAsync(readOnly: true, CancellationToken.None);
        SqliteUsageFunctions.Register(session);
        var dialect = session.Dialect;
        var parameters = new List<(string Name, object? Value)> { ("@from", dialect.Time(query.From)), ("@to", dialect.Time(query.To)) };
        var key = column ?? "NULL";
        if (bucket is { } b)
        {
            var (sql, extra) = UsageBuckets.Expression(session, "timestamp", b.Width, b.Offset);
            key = sql;
            parameters.AddRange(extra.Select(p => (p.Name, (object?)p.Value)));
        }

        var text = $"""
            SELECT g, CAST(SUM(n) AS bigint), CAST(SUM(e) AS bigint), CAST(SUM(i) AS bigint), CAST(SUM(o) AS bigint),
                   CAST(SUM(c) AS bigint), CAST(SUM(w) AS bigint), CAST(SUM(r) AS bigint),
                   {SqliteUsageFunctions.MoneySum(session, "pc")}, {SqliteUsageFunctions.MoneySum(session, "up")}, SUM(l)
            FROM (
                SELECT {key} AS g, 1 AS n, CASE WHEN status = 'success' THEN 0 ELSE 1 END AS e,
                       input_tokens AS i, output_tokens AS o, cached_input_tokens AS c, cache_write_tokens AS w, reasoning_tokens AS r,
                       provider_cost AS pc, user_price AS up, latency_ms AS l
                FROM usage_records WHERE timestamp >= @from AND timestamp < @to
            ) u
            GROUP BY g ORDER BY g
            """;
        await using var command = session.Command(text, parameters.ToArray());
        await using var reader = await command.ExecuteReaderAsync();
        var lines = new List<(string? Key, UsageTotals Totals)>();
        while (await reader.ReadAsync())
        {
            var k = reader.IsDBNull(0) ? null : bucket is null ? Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture) : dialect.ReadTime(reader, 0).UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
            lines.Add((k, UsageAggregator.ReadTotals(reader, dialect)));
        }

        return string.Concat(lines.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => Line(l.Key, l.Totals)));
    }

    private static async Task<long> CountAsync(SwitchboardDatabase database, string table)
    {
        await using var session = await database.Dialect.BeginAsync(readOnly: true, CancellationToken.None);
        return await session.ScalarInt64Async($"SELECT COUNT(*) FROM {table}", CancellationToken.None);
    }

    private static UsageRecord Record(Random random, int i, DateTimeOffset at)
    {
        var key = random.Next(100);
        var user = key % 50;
        var model = (user + (random.Next(3) * 3)) % Models.Length;
        var input = random.Next(200, 4000);
        var output = random.Next(50, 1500);
        return new UsageRecord
        {
            RequestId = "seed-" + i.ToString(CultureInfo.InvariantCulture),
            Timestamp = at,
            UserId = "user_" + user.ToString(CultureInfo.InvariantCulture),
            VirtualKeyId = key + 1,
            AgentName = "agent_" + (key % 5).ToString(CultureInfo.InvariantCulture),
            Slot = random.Next(5) == 0 ? "fast" : null,
            Endpoint = "chat",
            Protocol = random.Next(10) == 0 ? Protocols[random.Next(3)] : Protocols[key % 3],
            RequestedModel = Models[model],
            CatalogModel = Models[model],
            Platform = Platforms[model],
            Provider = Providers[model],
            UpstreamModel = Models[model] + "-2025",
            KeyId = (model * 2) + random.Next(2) + 1,
            Tokens = new TokenUsage(input, output, random.Next(input / 2), 0, random.Next(100)),
            UsageSource = UsageSource.Reported,
            ProviderCost = ((input * 2.5m) + (output * 10m)) / 1_000_000m,
            UserPrice = ((input * 3m) + (output * 12m)) / 1_000_000m,
            LatencyMs = random.Next(200, 9000),
            TimeToFirstTokenMs = random.Next(2) == 0 ? null : random.Next(50, 900),
            Attempts = 1,
            Stream = random.Next(2) == 0,
            Status = random.Next(33) == 0 ? "error" : "success",
            HttpStatus = 200,
        };
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
