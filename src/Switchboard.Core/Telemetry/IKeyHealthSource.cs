namespace Switchboard.Core.Telemetry;

/// <summary>Reports the health of every configured upstream key, for gauges and the status endpoint.</summary>
public interface IKeyHealthSource
{
    /// <summary>Returns one sample per key of every system platform.</summary>
    IReadOnlyList<KeyHealthSample> Sample();
}
