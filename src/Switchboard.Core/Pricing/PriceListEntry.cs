namespace Switchboard.Core.Pricing;

/// <summary>Holds what a price list says about one model: token prices, context limits, provider and mode.</summary>
/// <remarks>Prices are per token as the file states them, exact decimals; null when the file does not give one.</remarks>
public sealed record PriceListEntry
{
    /// <summary>Gets the key the file lists the model under (<c>gpt-4o</c>, <c>openrouter/openai/gpt-4o</c>).</summary>
    public required string Key { get; init; }

    /// <summary>Gets the price list's provider name (<c>litellm_provider</c>), if given.</summary>
    public string? Provider { get; init; }

    /// <summary>Gets the mode (<c>chat</c>, <c>embedding</c>, <c>image_generation</c>, ...), if given.</summary>
    public string? Mode { get; init; }

    /// <summary>Gets the price per input token.</summary>
    public decimal? InputCostPerToken { get; init; }

    /// <summary>Gets the price per output token.</summary>
    public decimal? OutputCostPerToken { get; init; }

    /// <summary>Gets the price per cached (cache-read) input token.</summary>
    public decimal? CachedInputCostPerToken { get; init; }

    /// <summary>Gets the price per token written to the prompt cache (<c>cache_creation_input_token_cost</c>, the five-minute lifetime).</summary>
    public decimal? CacheWriteCostPerToken { get; init; }

    /// <summary>Gets the price per token written to a one-hour prompt cache (<c>cache_creation_input_token_cost_above_1hr</c>).</summary>
    public decimal? CacheWrite1HourCostPerToken { get; init; }

    /// <summary>Gets the most input tokens the model takes.</summary>
    public int? MaxInputTokens { get; init; }

    /// <summary>Gets the most output tokens the model produces.</summary>
    public int? MaxOutputTokens { get; init; }

    /// <summary>Gets the legacy <c>max_tokens</c> limit.</summary>
    public int? MaxTokens { get; init; }

    /// <summary>Gets a value indicating whether the entry prices tokens at all (image or per-call entries do not).</summary>
    public bool HasTokenPrices => InputCostPerToken is not null || OutputCostPerToken is not null;

    /// <summary>Gets the context window: <c>max_input_tokens</c>, or the legacy <c>max_tokens</c> when no output limit is given (it then means the input limit).</summary>
    public int? ContextWindow => MaxInputTokens ?? (MaxOutputTokens is null ? MaxTokens : null);

    /// <summary>Converts a per-token price to a per-1M-tokens price, exactly and without trailing zeros.</summary>
    public static decimal PerMillion(decimal perToken) => perToken * 1_000_000m / 1.0000000000000000000000000000m;
}
