using Switchboard.Abstractions.Configuration;
using Switchboard.Abstractions.Usage;

namespace Switchboard.Core.Usage;

/// <summary>Prices token usage: provider cost from the source's prices, user price from the catalog model's.</summary>
/// <remarks>
/// Cached input tokens are part of input tokens; they are billed at the cached price when the source has one,
/// so they are never counted twice. Money is <see cref="decimal"/>.
/// </remarks>
public static class UsageAccounting
{
    private const decimal Million = 1_000_000m;

    /// <summary>Computes what the provider charges for <paramref name="usage"/>.</summary>
    public static decimal ProviderCost(TokenUsage usage, PlatformModelConfig? model)
    {
        if (model is null)
        {
            return 0m;
        }

        var cached = Math.Min(usage.CachedInputTokens, usage.InputTokens);
        var cachedPrice = model.CachedInputPricePerMillion ?? model.InputPricePerMillion;
        return ((usage.InputTokens - cached) * model.InputPricePerMillion
            + cached * cachedPrice
            + usage.OutputTokens * model.OutputPricePerMillion) / Million;
    }

    /// <summary>Computes what the user is charged for <paramref name="usage"/>.</summary>
    public static decimal UserPrice(TokenUsage usage, decimal inputPerMillion, decimal outputPerMillion) =>
        (usage.InputTokens * inputPerMillion + usage.OutputTokens * outputPerMillion) / Million;
}
