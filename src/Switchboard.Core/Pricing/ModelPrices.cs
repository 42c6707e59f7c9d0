using Switchboard.Abstractions.Configuration;

namespace Switchboard.Core.Pricing;

/// <summary>Holds a platform model's provider prices per 1M tokens and its context window, before or after an import.</summary>
/// <param name="InputPerMillion">The price per 1M input tokens.</param>
/// <param name="OutputPerMillion">The price per 1M output tokens.</param>
/// <param name="CachedInputPerMillion">The price per 1M cached input tokens, or null for the input price.</param>
/// <param name="CacheWritePerMillion">The price per 1M cache-write tokens (five-minute lifetime), or null for the provider kind's default.</param>
/// <param name="CacheWrite1HourPerMillion">The price per 1M one-hour cache-write tokens, or null for the provider kind's default.</param>
/// <param name="ContextWindow">The context window in tokens, or null when unknown.</param>
public sealed record ModelPrices(decimal InputPerMillion, decimal OutputPerMillion, decimal? CachedInputPerMillion, decimal? CacheWritePerMillion, decimal? CacheWrite1HourPerMillion, int? ContextWindow)
{
    /// <summary>Reads a platform model's current prices and context window.</summary>
    public static ModelPrices Of(PlatformModelConfig model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new(model.InputPricePerMillion, model.OutputPricePerMillion, model.CachedInputPricePerMillion, model.CacheWritePricePerMillion, model.CacheWrite1HourPricePerMillion, model.ContextWindow);
    }
}
