using Switchboard.Abstractions.Configuration;
using Switchboard.Abstractions.Providers;

namespace Switchboard.Core.Pricing;

/// <summary>Fills a platform model's unset cache-write prices with its provider kind's defaults, once per routing snapshot.</summary>
/// <remarks>
/// A kind that bills cache writes (<see cref="ICacheWritePricing"/>) prices an unset five-minute write at the input price times
/// its multiplier, and an unset one-hour write at the input price times its one-hour multiplier. Any other kind leaves both unset,
/// so <see cref="Usage.UsageAccounting"/> bills its cache writes as plain input. Prices an operator set are never changed.
/// </remarks>
public static class CacheWritePrices
{
    /// <summary>Returns <paramref name="model"/> with the kind's default cache-write prices where it sets none; the same instance when nothing changes.</summary>
    public static PlatformModelConfig Resolve(PlatformModelConfig model, IProviderKind kind)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (kind is not ICacheWritePricing billing || model is { CacheWritePricePerMillion: not null, CacheWrite1HourPricePerMillion: not null })
        {
            return model;
        }

        return model with
        {
            CacheWritePricePerMillion = model.CacheWritePricePerMillion ?? model.InputPricePerMillion * billing.CacheWriteMultiplier,
            CacheWrite1HourPricePerMillion = model.CacheWrite1HourPricePerMillion ?? model.InputPricePerMillion * billing.CacheWrite1HourMultiplier,
        };
    }
}
