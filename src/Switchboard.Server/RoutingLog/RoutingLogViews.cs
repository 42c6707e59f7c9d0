using System.Text.Json.Serialization;
using Switchboard.Abstractions.RoutingLog;

namespace Switchboard.Server.RoutingLog;

/// <summary>Shows one request's routing in the admin API: the ranked candidates, the choice and why, and every attempt.</summary>
internal sealed record RoutingLogView(
    [property: JsonPropertyName("request_id")] string RequestId,
    [property: JsonPropertyName("timestamp")] DateTimeOffset Timestamp,
    [property: JsonPropertyName("endpoint")] string Endpoint,
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("strategy")] string Strategy,
    [property: JsonPropertyName("candidates")] IReadOnlyList<string> Candidates,
    [property: JsonPropertyName("source_count")] int SourceCount,
    [property: JsonPropertyName("chosen")] string? Chosen,
    [property: JsonPropertyName("reason")] string Reason,
    [property: JsonPropertyName("sticky")] bool Sticky,
    [property: JsonPropertyName("panic")] bool Panic,
    [property: JsonPropertyName("attempts")] IReadOnlyList<RoutingAttemptView> Attempts,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("http_status")] int HttpStatus,
    [property: JsonPropertyName("error_type")] string? ErrorType,
    [property: JsonPropertyName("latency_ms")] double LatencyMs)
{
    public static RoutingLogView From(RoutingLogRecord record) => new(
        record.RequestId,
        record.Timestamp,
        record.Endpoint,
        record.Model,
        record.Strategy,
        record.Candidates,
        record.SourceCount,
        // The choice is the source that answered; a request that failed everywhere has none.
        record.Attempts.LastOrDefault(a => a.Outcome is "success" or "first_byte")?.Source,
        record.Reason,
        record.Sticky,
        record.Panic,
        [.. record.Attempts.Select(a => new RoutingAttemptView(a.Source, a.KeyId, a.Outcome, a.Blamed, a.DurationMs))],
        record.Status,
        record.HttpStatus,
        record.ErrorType,
        record.LatencyMs);
}

/// <summary>Shows one upstream attempt; the key appears by id only.</summary>
internal sealed record RoutingAttemptView(
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("key_id")] long? KeyId,
    [property: JsonPropertyName("outcome")] string Outcome,
    [property: JsonPropertyName("blamed")] string? Blamed,
    [property: JsonPropertyName("duration_ms")] double DurationMs);

/// <summary>A page of routing log entries, newest first.</summary>
internal sealed record RoutingLogList([property: JsonPropertyName("data")] IReadOnlyList<RoutingLogView> Data);
