using System.Text.Json.Serialization;

namespace Switchboard.Console.Pages.Usage;

/// <summary>Reads one usage record of <c>GET /api/admin/usage/records</c> with every field; <c>provider_cost</c> is null for a user key.</summary>
public sealed record UsageRecordRow(
    string RequestId,
    DateTimeOffset Timestamp,
    string UserId,
    long? VirtualKeyId,
    string? AgentName,
    string? Slot,
    string Endpoint,
    string Protocol,
    string RequestedModel,
    string? CatalogModel,
    string? Platform,
    string? Provider,
    string? UpstreamModel,
    long? KeyId,
    long InputTokens,
    long OutputTokens,
    long CachedInputTokens,
    long CacheWriteTokens,
    [property: JsonPropertyName("cache_write_1h_tokens")] long CacheWrite1HourTokens,
    long ReasoningTokens,
    long TotalTokens,
    string UsageSource,
    decimal? ProviderCost,
    decimal UserPrice,
    double LatencyMs,
    double? TtftMs,
    int Attempts,
    bool Stream,
    string Status,
    string? ErrorType,
    int HttpStatus);
