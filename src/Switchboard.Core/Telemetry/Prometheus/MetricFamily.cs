namespace Switchboard.Core.Telemetry.Prometheus;

/// <summary>Aggregates the measurements of one instrument into series, one per label set.</summary>
/// <remarks>
/// Lookups read an immutable dictionary keyed by an order-independent hash of the tags and compare the labels on a
/// hit, so a measurement for a known label set allocates nothing. A new label set copies the dictionary under a lock;
/// that happens once per series.
/// </remarks>
internal sealed class MetricFamily
{
    private static readonly double[] DefaultBounds = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

    private readonly Lock _gate = new();
    private Dictionary<int, MetricSeries> _series = [];

    public MetricFamily(string name, string? help, MetricKind kind, bool observable, bool setsValue, IReadOnlyList<double>? bounds)
    {
        Name = name;
        Help = help;
        Kind = kind;
        IsObservable = observable;
        SetsValue = setsValue;
        Bounds = kind == MetricKind.Histogram ? (bounds is { Count: > 0 } ? [.. bounds.Order()] : DefaultBounds) : [];
    }

    /// <summary>Gets the Prometheus family name.</summary>
    public string Name { get; }

    /// <summary>Gets the HELP text.</summary>
    public string? Help { get; }

    /// <summary>Gets the Prometheus type.</summary>
    public MetricKind Kind { get; }

    /// <summary>Gets a value indicating whether values come from scrape-time callbacks (series not reported in the last collection are hidden).</summary>
    public bool IsObservable { get; }

    /// <summary>Gets a value indicating whether a measurement replaces the value instead of adding to it.</summary>
    public bool SetsValue { get; }

    /// <summary>Gets the histogram bucket upper bounds, ascending.</summary>
    public double[] Bounds { get; }

    /// <summary>Records one measurement.</summary>
    public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags, long generation)
    {
        var series = Find(tags);
        if (Kind == MetricKind.Histogram)
        {
            series.Observe(value, Bounds);
        }
        else if (SetsValue)
        {
            series.Set(value, generation);
        }
        else
        {
            series.Add(value);
        }
    }

    /// <summary>Lists every series, ordered by labels for a stable output.</summary>
    public List<MetricSeries> Series()
    {
        var all = new List<MetricSeries>();
        foreach (var head in Volatile.Read(ref _series).Values)
        {
            for (var series = head; series is not null; series = series.Next)
            {
                all.Add(series);
            }
        }

        all.Sort(static (a, b) => string.CompareOrdinal(a.LabelPairs, b.LabelPairs));
        return all;
    }

    private MetricSeries Find(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var hash = LabelText.Hash(tags);
        if (Volatile.Read(ref _series).TryGetValue(hash, out var head))
        {
            for (var series = head; series is not null; series = series.Next)
            {
                if (LabelText.Matches(tags, series.Labels))
                {
                    return series;
                }
            }
        }

        return Add(hash, tags);
    }

    private MetricSeries Add(int hash, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        lock (_gate)
        {
            var current = _series;
            current.TryGetValue(hash, out var head);
            for (var series = head; series is not null; series = series.Next)
            {
                if (LabelText.Matches(tags, series.Labels))
                {
                    return series;
                }
            }

            var labels = new KeyValuePair<string, string>[tags.Length];
            for (var i = 0; i < tags.Length; i++)
            {
                labels[i] = new(tags[i].Key, LabelText.ToText(tags[i].Value));
            }

            Array.Sort(labels, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
            var created = new MetricSeries(labels, hash, Bounds.Length) { Next = head };
            Volatile.Write(ref _series, new Dictionary<int, MetricSeries>(current) { [hash] = created });
            return created;
        }
    }
}
