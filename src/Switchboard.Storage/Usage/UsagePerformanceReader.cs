using Switchboard.Abstractions.Usage;
using Switchboard.Storage.Internal;

namespace Switchboard.Storage.Usage;

/// <summary>Computes latency and time-to-first-token percentiles per catalog model and source from raw records.</summary>
/// <remarks>
/// Percentiles are computed in C# the same way for both databases (SQLite has no percentile function). The newest
/// <see cref="SampleLimit"/> records of the range are read at most, so a wide range stays cheap.
/// </remarks>
internal static class UsagePerformanceReader
{
    /// <summary>The most records one call reads.</summary>
    /// <remarks>
    /// The alert rules read the last five minutes every minute. At 200,000 samples that read took ~300 ms of the
    /// gateway's CPU and ~6 MB of large-object arrays under the bench; 50,000 still leaves 500 samples above p99.
    /// </remarks>
    public const int SampleLimit = 50_000;

    public static async Task<IReadOnlyList<SourcePerformance>> ReadAsync(DbSession session, UsageQuery query, CancellationToken cancellationToken)
    {
        var sql = "SELECT catalog_model, platform, upstream_model, CASE WHEN status = 'success' THEN 1 ELSE 0 END, latency_ms, ttft_ms FROM usage_records " +
            $"WHERE timestamp >= @from AND timestamp < @to{UsageFilter.Conditions(query)} ORDER BY timestamp DESC LIMIT @limit";
        var dialect = session.Dialect;
        var parameters = new List<(string Name, object? Value)> { ("@from", dialect.Time(query.From)), ("@to", dialect.Time(query.To)), ("@limit", SampleLimit) };
        UsageFilter.AddParameters(query, parameters);
        await using var command = session.Command(sql, parameters.ToArray());
        var groups = new Dictionary<(string?, string?, string?), Samples>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var key = (reader.GetStringOrNull(0), reader.GetStringOrNull(1), reader.GetStringOrNull(2));
                if (!groups.TryGetValue(key, out var samples))
                {
                    samples = new Samples();
                    groups[key] = samples;
                }

                samples.Requests++;
                if (reader.GetInt32(3) == 0) // compared in SQL: no string per row
                {
                    samples.Errors++;
                    continue;
                }

                samples.Latency.Add(reader.GetDouble(4));
                if (reader.GetDoubleOrNull(5) is { } ttft)
                {
                    samples.FirstToken.Add(ttft);
                }
            }
        }

        return [.. groups
            .OrderBy(g => g.Key.Item1, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Item2, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Item3, StringComparer.Ordinal)
            .Select(g => new SourcePerformance
            {
                Model = g.Key.Item1,
                Platform = g.Key.Item2,
                UpstreamModel = g.Key.Item3,
                Requests = g.Value.Requests,
                Errors = g.Value.Errors,
                Latency = Percentiles(g.Value.Latency),
                TimeToFirstToken = Percentiles(g.Value.FirstToken),
            })];
    }

    /// <summary>Computes interpolated percentiles; null for no samples.</summary>
    public static LatencyPercentiles? Percentiles(List<double> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        values.Sort();
        return new LatencyPercentiles(At(values, 0.50), At(values, 0.95), At(values, 0.99), values.Average(), values.Count);
    }

    private static double At(List<double> sorted, double fraction)
    {
        var rank = fraction * (sorted.Count - 1);
        var low = (int)Math.Floor(rank);
        var high = (int)Math.Ceiling(rank);
        return Math.Round(sorted[low] + ((sorted[high] - sorted[low]) * (rank - low)), 3);
    }

    private sealed class Samples
    {
        public long Requests { get; set; }

        public long Errors { get; set; }

        public List<double> Latency { get; } = [];

        public List<double> FirstToken { get; } = [];
    }
}
