using Switchboard.Abstractions.Configuration;
using Switchboard.Abstractions.Usage;
using Switchboard.Core.Routing;

namespace Switchboard.Core.Usage;

/// <summary>Prices token usage: provider cost from the source's prices, user price from the catalog model's.</summary>
/// <remarks>
/// <para>
/// Input tokens split into four classes, each billed once at its own rate: cache reads (<see cref="TokenUsage.CachedInputTokens"/>),
/// one-hour cache writes (<see cref="TokenUsage.CacheWrite1HourTokens"/>), the other cache writes, and the plain rest. Money is
/// <see cref="decimal"/>.
/// </para>
/// <para>
/// Provider rates: the cached price (else the input price), the cache-write price (else the input price), the one-hour price
/// (else the cache-write price). The provider kind's defaults are already in the model (<see cref="Pricing.CacheWritePrices"/>).
/// </para>
/// <para>
/// User rates: the catalog model's own cached-input and cache-write prices when set; unset, the user input price scaled by the
/// serving source's ratio of that rate to its input price, so the user keeps the discount (or pays the premium) the source gives,
/// as pass-through gateways do. A source with no input price scales nothing. One-hour writes cost the user's cache-write rate
/// times the source's one-hour-to-five-minute ratio.
/// </para>
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

        var input = model.InputPricePerMillion;
        var split = TokenSplit.Of(usage);
        var total = (split.Plain * input) + (usage.OutputTokens * model.OutputPricePerMillion);
        if (split.Cached != 0)
        {
            total += split.Cached * (model.CachedInputPricePerMillion ?? input);
        }

        if (split.Write != 0 || split.Write1Hour != 0)
        {
            var write = model.CacheWritePricePerMillion ?? input;
            total += (split.Write * write) + (split.Write1Hour * (model.CacheWrite1HourPricePerMillion ?? write));
        }

        return total / Million;
    }

    /// <summary>Computes what the user is charged for <paramref name="usage"/> at plain input and output rates.</summary>
    public static decimal UserPrice(TokenUsage usage, decimal inputPerMillion, decimal outputPerMillion) =>
        UserPrice(usage, inputPerMillion, outputPerMillion, null, null, null);

    /// <summary>Computes what the user is charged for <paramref name="usage"/> that <paramref name="source"/> served.</summary>
    /// <param name="usage">The tokens.</param>
    /// <param name="inputPerMillion">The user price per 1M input tokens.</param>
    /// <param name="outputPerMillion">The user price per 1M output tokens.</param>
    /// <param name="cachedInputPerMillion">The user price per 1M cached input tokens, or null to follow the source's discount.</param>
    /// <param name="cacheWritePerMillion">The user price per 1M cache-write tokens, or null to follow the source's premium.</param>
    /// <param name="source">The platform model that served the tokens, whose price ratios unset user rates follow; null for none.</param>
    public static decimal UserPrice(TokenUsage usage, decimal inputPerMillion, decimal outputPerMillion, decimal? cachedInputPerMillion, decimal? cacheWritePerMillion, PlatformModelConfig? source)
    {
        var split = TokenSplit.Of(usage);
        var total = (split.Plain * inputPerMillion) + (usage.OutputTokens * outputPerMillion);
        if (split.Cached != 0)
        {
            total += split.Cached * (cachedInputPerMillion ?? UserCachedRate(inputPerMillion, source));
        }

        if (split.Write != 0 || split.Write1Hour != 0)
        {
            var write = cacheWritePerMillion ?? UserWriteRate(inputPerMillion, source);
            total += (split.Write * write) + (split.Write1Hour * UserWrite1HourRate(write, source));
        }

        return total / Million;
    }

    /// <summary>Computes the most <paramref name="model"/> can charge the user for a request of these sizes, whichever source serves it.</summary>
    /// <remarks>
    /// Every prompt token is priced at the dearest input-side user rate (plain, cached, cache write or one-hour write) any source
    /// yields, so a budget reservation stays an upper bound when the prompt turns out to be written to a cache.
    /// </remarks>
    public static decimal WorstCaseUserPrice(CatalogEntry model, long promptTokens, long outputTokens)
    {
        ArgumentNullException.ThrowIfNull(model);
        var input = model.UserInputPricePerMillion;
        var dearest = Math.Max(input, Math.Max(model.UserCachedInputPricePerMillion ?? 0m, model.UserCacheWritePricePerMillion ?? 0m));
        foreach (var source in model.Sources)
        {
            var write = model.UserCacheWritePricePerMillion ?? UserWriteRate(input, source.Model);
            var cached = model.UserCachedInputPricePerMillion ?? UserCachedRate(input, source.Model);
            dearest = Math.Max(dearest, Math.Max(cached, Math.Max(write, UserWrite1HourRate(write, source.Model))));
        }

        return ((promptTokens * dearest) + (outputTokens * model.UserOutputPricePerMillion)) / Million;
    }

    private static decimal UserCachedRate(decimal userInput, PlatformModelConfig? source) =>
        Scale(userInput, source?.CachedInputPricePerMillion, source?.InputPricePerMillion ?? 0m);

    private static decimal UserWriteRate(decimal userInput, PlatformModelConfig? source) =>
        Scale(userInput, source?.CacheWritePricePerMillion, source?.InputPricePerMillion ?? 0m);

    private static decimal UserWrite1HourRate(decimal userWrite, PlatformModelConfig? source)
    {
        var sourceWrite = source?.CacheWritePricePerMillion ?? source?.InputPricePerMillion ?? 0m;
        return Scale(userWrite, source?.CacheWrite1HourPricePerMillion, sourceWrite);
    }

    // Multiplies before dividing, so ratios such as 3.75 / 3 stay exact.
    private static decimal Scale(decimal user, decimal? sourceRate, decimal sourceBase) =>
        sourceRate is { } rate && sourceBase > 0m ? user * rate / sourceBase : user;

    /// <summary>Splits input tokens into the classes billed apart; each count is clamped so no token is billed twice.</summary>
    private readonly record struct TokenSplit(long Plain, long Cached, long Write, long Write1Hour)
    {
        public static TokenSplit Of(TokenUsage usage)
        {
            var input = Math.Max(usage.InputTokens, 0);
            var cached = Math.Max(Math.Min(usage.CachedInputTokens, input), 0);
            var writes = Math.Max(Math.Min(usage.CacheWriteTokens, input - cached), 0);
            var write1Hour = Math.Max(Math.Min(usage.CacheWrite1HourTokens, writes), 0);
            return new TokenSplit(input - cached - writes, cached, writes - write1Hour, write1Hour);
        }
    }
}
