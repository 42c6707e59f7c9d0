namespace Switchboard.Core.Pricing;

/// <summary>Finds the price-list entry for a platform model by its upstream model name.</summary>
/// <remarks>
/// Price lists file a model both under a provider prefix and bare (LiteLLM has <c>deepseek/deepseek-chat</c> and
/// <c>deepseek-chat</c>, <c>openrouter/openai/gpt-4o</c> and <c>gpt-4o</c>). The prefixed keys of the platform's
/// providers are tried first, since the same bare name can carry another vendor's price, then the bare name; each
/// exactly, then ignoring case. An entry only matches when it prices tokens and its mode fits the model's type, so an
/// image or rerank entry of the same name never prices a chat model.
/// </remarks>
public static class PriceMatcher
{
    /// <summary>Finds the entry for <paramref name="upstreamModel"/> of type <paramref name="modelType"/>, trying <paramref name="providerNames"/> as prefixes first.</summary>
    public static PriceListEntry? Match(PriceList prices, string upstreamModel, string modelType, IReadOnlyList<string> providerNames)
    {
        ArgumentNullException.ThrowIfNull(prices);
        ArgumentNullException.ThrowIfNull(providerNames);
        if (string.IsNullOrWhiteSpace(upstreamModel))
        {
            return null;
        }

        foreach (var candidate in Candidates(upstreamModel, providerNames))
        {
            if (prices.Find(candidate) is { HasTokenPrices: true } entry && FitsType(entry.Mode, modelType))
            {
                return entry;
            }
        }

        return null;
    }

    /// <summary>Lists the keys tried for a model, in order.</summary>
    public static IEnumerable<string> Candidates(string upstreamModel, IReadOnlyList<string> providerNames)
    {
        ArgumentNullException.ThrowIfNull(upstreamModel);
        ArgumentNullException.ThrowIfNull(providerNames);
        foreach (var provider in providerNames)
        {
            // A model already spelled with this prefix is looked up as it is, not as "deepseek/deepseek/...".
            if (!upstreamModel.StartsWith(provider + "/", StringComparison.OrdinalIgnoreCase))
            {
                yield return provider + "/" + upstreamModel;
            }
        }

        yield return upstreamModel;
    }

    /// <summary>Returns whether an entry of <paramref name="mode"/> can price a model of <paramref name="modelType"/> (<c>chat</c> or <c>embedding</c>).</summary>
    public static bool FitsType(string? mode, string modelType) => modelType switch
    {
        "embedding" => mode is null or "embedding",
        _ => mode is null or "chat" or "completion" or "responses",
    };
}
