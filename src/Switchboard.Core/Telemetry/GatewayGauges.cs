using System.Diagnostics.Metrics;
using Switchboard.Core.Usage;

namespace Switchboard.Core.Telemetry;

/// <summary>Publishes this host's scrape-time instruments: usage queue, writer and journal counts, and key health.</summary>
/// <remarks>
/// Created from the host's <see cref="IMeterFactory"/> so the instruments belong to this host, not the process.
/// Singleton; callbacks run only when a listener collects.
/// </remarks>
public sealed class GatewayGauges : IDisposable
{
    private readonly Meter _meter;
    private readonly bool _ownsMeter;

    /// <summary>Creates the instruments.</summary>
    public GatewayGauges(IMeterFactory? meterFactory, UsageQueue queue, UsageWriterService writer, IKeyHealthSource? keys)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(writer);
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(new MeterOptions(TelemetryNames.MeterName)) ?? new Meter(TelemetryNames.MeterName);
        _meter.CreateObservableGauge(TelemetryNames.UsageQueueDepth, () => queue.Depth, "{record}", "Usage records waiting in memory for the writer.");
        _meter.CreateObservableCounter(TelemetryNames.UsageQueueOverflows, () => queue.Overflowed, "{record}", "Usage records that went to the overflow queue because the channel was full.");
        _meter.CreateObservableCounter(TelemetryNames.UsagePersisted, () => writer.Persisted, "{record}", "Usage records written to the database.");
        _meter.CreateObservableCounter(TelemetryNames.UsageWriterFailures, () => writer.Failures, "{failure}", "Usage batch writes that failed.");
        _meter.CreateObservableCounter(TelemetryNames.UsageJournaled, () => writer.Journaled, "{record}", "Usage records spilled to the local journal while the database was unavailable.");
        _meter.CreateObservableGauge(TelemetryNames.UsageJournalPending, () => writer.JournalPending, "{record}", "Journaled usage records not yet replayed into the database.");
        if (keys is not null)
        {
            _meter.CreateObservableGauge(TelemetryNames.KeyCooling, () => Measure(keys, s => s.Cooling ? 1 : 0), "{key}", "1 while an upstream key cools down, else 0.");
            _meter.CreateObservableGauge(TelemetryNames.KeyCooldownRemaining, () => Measure(keys, s => s.CooldownRemaining.TotalSeconds), "s", "Time left in an upstream key's cooldown.");
            _meter.CreateObservableGauge(TelemetryNames.KeySuccessRate, () => Measure(keys, s => s.SuccessRate), TelemetryNames.RatioUnit, "Recent success rate of an upstream key, from 0 to 1.");
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }

    private static IEnumerable<Measurement<T>> Measure<T>(IKeyHealthSource keys, Func<KeyHealthSample, T> value)
        where T : struct =>
        keys.Sample().Select(s => new Measurement<T>(
            value(s),
            new KeyValuePair<string, object?>(TelemetryNames.PlatformAttribute, s.Platform),
            new KeyValuePair<string, object?>(TelemetryNames.KeyIdAttribute, s.KeyId)));
}
