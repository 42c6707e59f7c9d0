namespace Switchboard.Core.Telemetry.Prometheus;

/// <summary>Holds the running value of one label set of a metric family: a number, or histogram buckets with sum and count.</summary>
/// <remarks>Updated lock-free from any thread; a scrape reads a near-consistent view (buckets are summed into the count, so they always agree).</remarks>
internal sealed class MetricSeries
{
    private readonly long[]? _buckets;
    private double _value;
    private long _generation;

    public MetricSeries(KeyValuePair<string, string>[] labels, int hash, int bucketCount)
    {
        Labels = labels;
        Hash = hash;
        LabelPairs = string.Join(",", labels.Select(l => $"{PrometheusNaming.LabelName(l.Key)}=\"{PrometheusNaming.EscapeLabelValue(l.Value)}\""));
        _buckets = bucketCount > 0 ? new long[bucketCount + 1] : null;
    }

    /// <summary>Gets the labels, sorted by name.</summary>
    public KeyValuePair<string, string>[] Labels { get; }

    /// <summary>Gets the hash the family files the series under.</summary>
    public int Hash { get; }

    /// <summary>Gets the next series with the same hash.</summary>
    public MetricSeries? Next { get; set; }

    /// <summary>Gets the rendered <c>name="value"</c> pairs, comma-separated, without braces.</summary>
    public string LabelPairs { get; }

    /// <summary>Gets the value, or the histogram's sum.</summary>
    public double Value => Volatile.Read(ref _value);

    /// <summary>Gets the collection in which an observable instrument last reported this series.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>Adds to the value.</summary>
    public void Add(double delta)
    {
        double current;
        do
        {
            current = Volatile.Read(ref _value);
        }
        while (Interlocked.CompareExchange(ref _value, current + delta, current) != current);
    }

    /// <summary>Replaces the value, remembering in which collection it was reported.</summary>
    public void Set(double value, long generation)
    {
        Volatile.Write(ref _value, value);
        Interlocked.Exchange(ref _generation, generation);
    }

    /// <summary>Counts a histogram observation into its bucket and adds it to the sum.</summary>
    public void Observe(double value, double[] bounds)
    {
        var index = Array.BinarySearch(bounds, value);
        if (index < 0)
        {
            index = ~index;
        }

        Interlocked.Increment(ref _buckets![index]);
        Add(value);
    }

    /// <summary>Copies the per-bucket counts (the last one is above every bound).</summary>
    public long[] ReadBuckets()
    {
        var copy = new long[_buckets!.Length];
        for (var i = 0; i < copy.Length; i++)
        {
            copy[i] = Interlocked.Read(ref _buckets[i]);
        }

        return copy;
    }
}
