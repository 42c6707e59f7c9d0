namespace Switchboard.Abstractions.Usage;

/// <summary>Records one client request: who, what, which source, how many tokens, what it cost and how it ended.</summary>
/// <remarks>Never holds a secret: keys are referenced by id only.</remarks>
public sealed record UsageRecord
{
    /// <summary>Gets the gateway request id.</summary>
    public required string RequestId { get; init; }

    /// <summary>Gets when the request arrived.</summary>
    public DateTimeOffset Timestamp { get; init; }

    /// <summary>Gets the user id.</summary>
    public string UserId { get; init; } = "-1";

    /// <summary>Gets the virtual key id, if a virtual key authenticated the request.</summary>
    public long? VirtualKeyId { get; init; }

    /// <summary>Gets the agent name from <c>X-Agent-Name</c>.</summary>
    public string? AgentName { get; init; }

    /// <summary>Gets the usage slot, when the request named one.</summary>
    public string? Slot { get; init; }

    /// <summary>Gets the endpoint: <c>chat</c> or <c>embeddings</c>.</summary>
    public string Endpoint { get; init; } = "chat";

    /// <summary>Gets the client protocol the request arrived in, one of <c>ClientProtocols</c>: <c>openai-chat</c>, <c>openai-responses</c>, <c>anthropic-messages</c>, <c>gemini</c>, <c>classic</c> or <c>embedded</c>.</summary>
    public string Protocol { get; init; } = "openai-chat";

    /// <summary>Gets the model the client asked for.</summary>
    public required string RequestedModel { get; init; }

    /// <summary>Gets the catalog model it resolved to.</summary>
    public string? CatalogModel { get; init; }

    /// <summary>Gets the platform of the final attempt.</summary>
    public string? Platform { get; init; }

    /// <summary>Gets the provider kind of the final attempt.</summary>
    public string? Provider { get; init; }

    /// <summary>Gets the upstream model of the final attempt.</summary>
    public string? UpstreamModel { get; init; }

    /// <summary>Gets the key id of the final attempt.</summary>
    public long? KeyId { get; init; }

    /// <summary>Gets the token counts.</summary>
    public TokenUsage Tokens { get; init; }

    /// <summary>Gets where the token counts came from.</summary>
    public UsageSource UsageSource { get; init; }

    /// <summary>Gets the provider cost.</summary>
    public decimal ProviderCost { get; init; }

    /// <summary>Gets the price charged to the user.</summary>
    public decimal UserPrice { get; init; }

    /// <summary>Gets the total latency in milliseconds.</summary>
    public double LatencyMs { get; init; }

    /// <summary>Gets the time to first token in milliseconds, for streams.</summary>
    public double? TimeToFirstTokenMs { get; init; }

    /// <summary>Gets the number of upstream attempts.</summary>
    public int Attempts { get; init; }

    /// <summary>Gets a value indicating whether the request was streamed.</summary>
    public bool Stream { get; init; }

    /// <summary>Gets the outcome: <c>success</c>, <c>error</c>, <c>cancelled</c>.</summary>
    public string Status { get; init; } = "success";

    /// <summary>Gets the error type when the request failed.</summary>
    public string? ErrorType { get; init; }

    /// <summary>Gets the HTTP status returned to the client.</summary>
    public int HttpStatus { get; init; }
}
