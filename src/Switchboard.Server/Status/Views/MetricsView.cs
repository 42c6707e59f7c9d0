using System.Text.Json.Serialization;

namespace Switchboard.Server.Status.Views;

/// <summary>Summarises the live counters since the process started.</summary>
/// <param name="UptimeSeconds">Seconds since start.</param>
/// <param name="Requests">Request counts.</param>
/// <param name="Tokens">Token counts.</param>
/// <param name="Money">Cost and revenue.</param>
/// <param name="UsageWriter">The usage pipeline.</param>
internal sealed record MetricsView(
    [property: JsonPropertyName("uptime_seconds")] double UptimeSeconds,
    [property: JsonPropertyName("requests")] RequestCountsView Requests,
    [property: JsonPropertyName("tokens")] TokenCountsView Tokens,
    [property: JsonPropertyName("money")] MoneyView Money,
    [property: JsonPropertyName("usage_writer")] UsageWriterView UsageWriter);
