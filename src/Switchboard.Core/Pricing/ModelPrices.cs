namespace Switchboard.Core.Pricing;

/// <summary>Holds a platform model's provider prices per 1M tokens and its context window, before or after an import.</summary>
/// <param name="InputPerMillion">The price per 1M input tokens.</param>
/// <param name="OutputPerMillion">The price per 1M output tokens.</param>
/// <param name="CachedInputPerMillion">The price per 1M cached input tokens, or null for the input price.</param>
/// <param name="ContextWindow">The context window in tokens, or null when unknown.</param>
public sealed record ModelPrices(decimal InputPerMillion, decimal OutputPerMillion, decimal? CachedInputPerMillion, int? ContextWindow);
