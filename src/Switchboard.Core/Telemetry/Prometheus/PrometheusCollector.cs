using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Switchboard.Core.Telemetry.Prometheus;

/// <summary>Listens to the gateway's meters and keeps cumulative series for the Prometheus text format.</summary>
/// <remarks>
/// Listens to meters by name; a meter created through an <see cref="IMeterFactory"/> counts only when it is this
/// host's factory, so several hosts in one process (tests) keep their observable gauges apart. Singleton and
/// thread-safe; dispose to stop listening.
/// </remarks>
public sealed class PrometheusCollector : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly HashSet<string> _meterNames;
    private readonly object? _meterScope;
    private readonly ConcurrentDictionary<string, MetricFamily> _families = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, MetricFamily> _byInstrument = new(StringComparer.Ordinal);
    private readonly Lock _scrapeGate = new();
    private long _generation;

    /// <summary>Starts listening to the named meters (the gateway's own meter is always included).</summary>
    /// <param name="meterFactory">This host's meter factory, or null when the host has none.</param>
    /// <param name="additionalMeters">More meter names to expose, e.g. <c>Microsoft.AspNetCore.Hosting</c>.</param>
    public PrometheusCollector(IMeterFactory? meterFactory, IEnumerable<string>? additionalMeters = null)
    {
        _meterScope = meterFactory;
        _meterNames = new HashSet<string>(additionalMeters ?? [], StringComparer.Ordinal) { TelemetryNames.MeterName };
        _listener.InstrumentPublished = OnInstrumentPublished;
        _listener.SetMeasurementEventCallback<byte>(static (i, m, t, s) => Record(s, m, t));
        _listener.SetMeasurementEventCallback<short>(static (i, m, t, s) => Record(s, m, t));
        _listener.SetMeasurementEventCallback<int>(static (i, m, t, s) => Record(s, m, t));
        _listener.SetMeasurementEventCallback<long>(static (i, m, t, s) => Record(s, m, t));
        _listener.SetMeasurementEventCallback<float>(static (i, m, t, s) => Record(s, m, t));
        _listener.SetMeasurementEventCallback<double>(static (i, m, t, s) => Record(s, m, t));
        _listener.SetMeasurementEventCallback<decimal>(static (i, m, t, s) => Record(s, (double)m, t));
        _listener.Start();
    }

    /// <summary>Collects the observable instruments and writes every family in the Prometheus text format (version 0.0.4).</summary>
    public void WriteTo(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        lock (_scrapeGate)
        {
            var generation = Collect();
            foreach (var family in _families.Values.OrderBy(f => f.Name, StringComparer.Ordinal))
            {
                PrometheusTextWriter.Write(writer, family, generation);
            }
        }
    }

    /// <summary>Sums the current values of a family's series whose label <paramref name="label"/> equals <paramref name="value"/> (all series when null).</summary>
    /// <remarks>For histograms it sums the observation counts. Used by the JSON status endpoint.</remarks>
    public double Sum(string instrumentName, string? label = null, string? value = null)
    {
        ArgumentNullException.ThrowIfNull(instrumentName);
        long generation;
        lock (_scrapeGate)
        {
            generation = Collect();
        }

        var total = 0d;
        if (_byInstrument.TryGetValue(instrumentName, out var family))
        {
            foreach (var series in family.Series())
            {
                if (family.IsObservable && series.Generation != generation)
                {
                    continue;
                }

                if (label is not null && !series.Labels.Any(l => l.Key == label && l.Value == value))
                {
                    continue;
                }

                total += family.Kind == MetricKind.Histogram ? series.ReadBuckets().Sum() : series.Value;
            }
        }

        return total;
    }

    /// <inheritdoc />
    public void Dispose() => _listener.Dispose();

    private static void Record(object? state, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var subscription = (Subscription)state!;
        subscription.Family.Record(value, tags, Volatile.Read(ref subscription.Collector._generation));
    }

    private long Collect()
    {
        var generation = Interlocked.Increment(ref _generation);
        _listener.RecordObservableInstruments();
        return generation;
    }

    private void OnInstrumentPublished(Instrument instrument, MeterListener listener)
    {
        var meter = instrument.Meter;
        if (!_meterNames.Contains(meter.Name) || (meter.Scope is not null && !ReferenceEquals(meter.Scope, _meterScope)))
        {
            return;
        }

        var (kind, observable, sets) = Classify(instrument);
        var name = PrometheusNaming.MetricName(instrument.Name, instrument.Unit, kind);
        var family = _families.GetOrAdd(name, _ => new MetricFamily(name, instrument.Description, kind, observable, sets, Bounds(instrument)));
        if (family.Kind != kind)
        {
            return; // Two instruments that map to one name with different types cannot share a family; the first wins.
        }

        _byInstrument.TryAdd(instrument.Name, family);
        listener.EnableMeasurementEvents(instrument, new Subscription(family, this));
    }

    private sealed record Subscription(MetricFamily Family, PrometheusCollector Collector);

    private static (MetricKind Kind, bool Observable, bool Sets) Classify(Instrument instrument)
    {
        var type = instrument.GetType();
        var generic = type.IsGenericType ? type.GetGenericTypeDefinition() : type;
        if (generic == typeof(Counter<>))
        {
            return (MetricKind.Counter, false, false);
        }

        if (generic == typeof(ObservableCounter<>))
        {
            return (MetricKind.Counter, true, true);
        }

        if (generic == typeof(Histogram<>))
        {
            return (MetricKind.Histogram, false, false);
        }

        if (generic == typeof(UpDownCounter<>))
        {
            return (MetricKind.Gauge, false, false);
        }

        // Observable gauges and up-down counters report their current value; a synchronous gauge keeps the last one.
        return (MetricKind.Gauge, instrument.IsObservable, true);
    }

    private static IReadOnlyList<double>? Bounds(Instrument instrument) => instrument switch
    {
        Histogram<double> h => h.Advice?.HistogramBucketBoundaries,
        Histogram<long> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToList(),
        Histogram<int> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToList(),
        Histogram<float> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToList(),
        _ => null,
    };
}
