namespace Switchboard.Abstractions.Pricing;

/// <summary>Holds the new provider prices (per 1M tokens) and context window of one platform model.</summary>
/// <param name="ModelId">The platform model's storage id.</param>
/// <param name="InputPricePerMillion">The price per 1M input tokens.</param>
/// <param name="OutputPricePerMillion">The price per 1M output tokens.</param>
/// <param name="CachedInputPricePerMillion">The price per 1M cached input tokens, or null to bill them at the input price.</param>
/// <param name="ContextWindow">The context window in tokens, or null when unknown.</param>
public sealed record PlatformModelPriceUpdate(
    long ModelId,
    decimal InputPricePerMillion,
    decimal OutputPricePerMillion,
    decimal? CachedInputPricePerMillion,
    int? ContextWindow);
