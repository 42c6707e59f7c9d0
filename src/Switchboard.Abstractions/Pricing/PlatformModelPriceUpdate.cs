namespace Switchboard.Abstractions.Pricing;

/// <summary>Holds the new provider prices (per 1M tokens) and context window of one platform model.</summary>
/// <param name="ModelId">The platform model's storage id.</param>
/// <param name="InputPricePerMillion">The price per 1M input tokens.</param>
/// <param name="OutputPricePerMillion">The price per 1M output tokens.</param>
/// <param name="CachedInputPricePerMillion">The price per 1M cached input tokens, or null to bill them at the input price.</param>
/// <param name="CacheWritePricePerMillion">The price per 1M cache-write tokens (five-minute lifetime), or null for the provider kind's default.</param>
/// <param name="CacheWrite1HourPricePerMillion">The price per 1M one-hour cache-write tokens, or null for the provider kind's default.</param>
/// <param name="ContextWindow">The context window in tokens, or null when unknown.</param>
public sealed record PlatformModelPriceUpdate(
    long ModelId,
    decimal InputPricePerMillion,
    decimal OutputPricePerMillion,
    decimal? CachedInputPricePerMillion,
    decimal? CacheWritePricePerMillion,
    decimal? CacheWrite1HourPricePerMillion,
    int? ContextWindow);
