namespace Switchboard.Abstractions.Usage;

/// <summary>Holds the token counts of one call.</summary>
/// <remarks>
/// Semantics follow Microsoft.Extensions.AI <c>UsageDetails</c>: <see cref="CachedInputTokens"/> and
/// <see cref="CacheWriteTokens"/> are part of <see cref="InputTokens"/>, and <see cref="ReasoningTokens"/>
/// are part of <see cref="OutputTokens"/>. <see cref="CacheWrite1HourTokens"/> are the part of <see cref="CacheWriteTokens"/>
/// written to a cache that lives an hour (Anthropic bills them above the default five-minute writes). A provider's
/// explicit zero stays zero.
/// </remarks>
public readonly record struct TokenUsage(
    long InputTokens,
    long OutputTokens,
    long CachedInputTokens = 0,
    long CacheWriteTokens = 0,
    long ReasoningTokens = 0,
    long CacheWrite1HourTokens = 0)
{
    /// <summary>Gets the sum of input and output tokens.</summary>
    public long TotalTokens => InputTokens + OutputTokens;
}
