using Switchboard.Abstractions.Usage;
using Switchboard.Storage.Internal;

namespace Switchboard.Storage.Usage;

/// <summary>Computes latency and time-to-first-token percentiles in SQL, for a whole range or per timeline bucket.</summary>
/// <remarks>
/// Window functions (both databases have them; SQLite has no percentile function) number each bucket's successful
/// samples in order, and only the rows beside the 50th, 95th and 99th percentile ranks come back: at most six rows per
/// bucket and metric, however many records the range holds. Between two ranks the value is interpolated like
/// <c>percentile_cont</c> and <see cref="UsagePerformanceReader"/>. Raw records only: rollups keep no distribution.
/// </remarks>
internal static class UsagePercentileReader
{
    private const int LatencyMetric = 0;
    private const int FirstTokenMetric = 1;
    private static readonly int[] Ranks = [50, 95, 99];

    /// <summary>Reads the range's percentiles: one entry keyed by <see cref="DateTimeOffset.MinValue"/> without a bucket, else one per bucket start (UTC).</summary>
    public static async Task<Dictionary<DateTimeOffset, (LatencyPercentiles? Latency, LatencyPercentiles? FirstToken)>> ReadAsync(
        DbSession session, UsageQuery query, (string Sql, (string Name, object Value)[] Parameters)? bucket, CancellationToken cancellationToken)
    {
        var where = $"timestamp >= @from AND timestamp < @to AND status = 'success'{UsageFilter.Conditions(query)}";
        var b = bucket?.Sql ?? "0";
        var picks = string.Join(" OR ", Ranks.SelectMany(p => new[] { $"rn = {p} * (cnt - 1) / 100 + 1", $"rn = {p} * (cnt - 1) / 100 + 2" }));
        var sql = $"""
            SELECT b, m, rn, cnt, v, a FROM (
                SELECT b, m, v,
                       ROW_NUMBER() OVER (PARTITION BY b, m ORDER BY v) AS rn,
                       COUNT(*) OVER (PARTITION BY b, m) AS cnt,
                       AVG(v) OVER (PARTITION BY b, m) AS a
                FROM (
                    SELECT {b} AS b, {LatencyMetric} AS m, latency_ms AS v FROM usage_records WHERE {where}
                    UNION ALL
                    SELECT {b}, {FirstTokenMetric}, ttft_ms FROM usage_records WHERE {where} AND ttft_ms IS NOT NULL
                ) s
            ) r
            WHERE {picks}
            """;
        var dialect = session.Dialect;
        var parameters = new List<(string Name, object? Value)> { ("@from", dialect.Time(query.From)), ("@to", dialect.Time(query.To)) };
        UsageFilter.AddParameters(query, parameters);
        if (bucket is { } b2)
        {
            parameters.AddRange(b2.Parameters.Select(p => (p.Name, (object?)p.Value)));
        }

        var partitions = new Dictionary<(DateTimeOffset Bucket, int Metric), Partition>();
        await using (var command = session.Command(sql, parameters.ToArray()))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var start = bucket is null ? DateTimeOffset.MinValue : dialect.ReadTime(reader, 0).ToUniversalTime();
                var key = (start, reader.GetInt32(1));
                if (!partitions.TryGetValue(key, out var partition))
                {
                    partition = new Partition(reader.GetInt64(3), reader.GetDouble(5));
                    partitions[key] = partition;
                }

                partition.Values[reader.GetInt64(2)] = reader.GetDouble(4);
            }
        }

        var result = new Dictionary<DateTimeOffset, (LatencyPercentiles?, LatencyPercentiles?)>();
        foreach (var ((start, metric), partition) in partitions)
        {
            var (latency, firstToken) = result.GetValueOrDefault(start);
            var percentiles = partition.Percentiles();
            result[start] = metric == LatencyMetric ? (percentiles, firstToken) : (latency, percentiles);
        }

        return result;
    }

    private sealed class Partition(long count, double average)
    {
        public Dictionary<long, double> Values { get; } = [];

        public LatencyPercentiles Percentiles() =>
            new(At(Ranks[0]), At(Ranks[1]), At(Ranks[2]), Math.Round(average, 3), count);

        /// <summary>Interpolates the percentile from the two rows beside its rank (1-based row numbers), exactly as the SQL picked them.</summary>
        private double At(int percent)
        {
            var scaled = percent * (count - 1);
            var low = scaled / 100;
            var fraction = (scaled - (low * 100)) / 100.0;
            var below = Values[low + 1];
            var above = Values.GetValueOrDefault(low + 2, below);
            return Math.Round(below + ((above - below) * fraction), 3);
        }
    }
}
