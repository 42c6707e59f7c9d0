using System.Text.Json.Serialization;
using Switchboard.Abstractions.Usage;

namespace Switchboard.Server.UsageRecords;

/// <summary>Shows every field of one usage record; keys appear by id only, never a secret.</summary>
/// <remarks><c>provider_cost</c> is null for callers who are not admins, as in the status routes.</remarks>
internal sealed record UsageRecordView(
    [property: JsonPropertyName("request_id")] string RequestId,
    [property: JsonPropertyName("timestamp")] DateTimeOffset Timestamp,
    [property: JsonPropertyName("user_id")] string UserId,
    [property: JsonPropertyName("virtual_key_id")] long? VirtualKeyId,
    [property: JsonPropertyName("agent_name")] string? AgentName,
    [property: JsonPropertyName("slot")] string? Slot,
    [property: JsonPropertyName("endpoint")] string Endpoint,
    [property: JsonPropertyName("protocol")] string Protocol,
    [property: JsonPropertyName("requested_model")] string RequestedModel,
    [property: JsonPropertyName("catalog_model")] string? CatalogModel,
    [property: JsonPropertyName("platform")] string? Platform,
    [property: JsonPropertyName("provider")] string? Provider,
    [property: JsonPropertyName("upstream_model")] string? UpstreamModel,
    [property: JsonPropertyName("key_id")] long? KeyId,
    [property: JsonPropertyName("input_tokens")] long InputTokens,
    [property: JsonPropertyName("output_tokens")] long OutputTokens,
    [property: JsonPropertyName("cached_input_tokens")] long CachedInputTokens,
    [property: JsonPropertyName("cache_write_tokens")] long CacheWriteTokens,
    [property: JsonPropertyName("cache_write_1h_tokens")] long CacheWrite1HourTokens,
    [property: JsonPropertyName("reasoning_tokens")] long ReasoningTokens,
    [property: JsonPropertyName("total_tokens")] long TotalTokens,
    [property: JsonPropertyName("usage_source")] string UsageSource,
    [property: JsonPropertyName("provider_cost")] decimal? ProviderCost,
    [property: JsonPropertyName("user_price")] decimal UserPrice,
    [property: JsonPropertyName("latency_ms")] double LatencyMs,
    [property: JsonPropertyName("ttft_ms")] double? TimeToFirstTokenMs,
    [property: JsonPropertyName("attempts")] int Attempts,
    [property: JsonPropertyName("stream")] bool Stream,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("error_type")] string? ErrorType,
    [property: JsonPropertyName("http_status")] int HttpStatus)
{
    /// <summary>Builds the view of a record; <paramref name="showCost"/> is false for callers who may not see provider costs.</summary>
    public static UsageRecordView From(UsageRecord record, bool showCost) => new(
        record.RequestId,
        record.Timestamp,
        record.UserId,
        record.VirtualKeyId,
        record.AgentName,
        record.Slot,
        record.Endpoint,
        record.Protocol,
        record.RequestedModel,
        record.CatalogModel,
        record.Platform,
        record.Provider,
        record.UpstreamModel,
        record.KeyId,
        record.Tokens.InputTokens,
        record.Tokens.OutputTokens,
        record.Tokens.CachedInputTokens,
        record.Tokens.CacheWriteTokens,
        record.Tokens.CacheWrite1HourTokens,
        record.Tokens.ReasoningTokens,
        record.Tokens.TotalTokens,
        record.UsageSource.ToString().ToLowerInvariant(),
        showCost ? record.ProviderCost : null,
        record.UserPrice,
        record.LatencyMs,
        record.TimeToFirstTokenMs,
        record.Attempts,
        record.Stream,
        record.Status,
        record.ErrorType,
        record.HttpStatus);
}

/// <summary>One page of usage records, newest first; pass <c>next_before</c> as <c>before</c> for the next page (null on the last).</summary>
internal sealed record UsageRecordList(
    [property: JsonPropertyName("data")] IReadOnlyList<UsageRecordView> Data,
    [property: JsonPropertyName("next_before")] string? NextBefore);
