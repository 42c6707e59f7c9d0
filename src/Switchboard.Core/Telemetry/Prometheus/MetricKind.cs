namespace Switchboard.Core.Telemetry.Prometheus;

/// <summary>Says which Prometheus type a metric family is exposed as.</summary>
internal enum MetricKind
{
    /// <summary>A monotonic counter (name ends in <c>_total</c>).</summary>
    Counter,

    /// <summary>A value that goes up and down.</summary>
    Gauge,

    /// <summary>A histogram with cumulative <c>le</c> buckets, <c>_sum</c> and <c>_count</c>.</summary>
    Histogram,
}
