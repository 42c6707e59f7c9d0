using System.Text.Json.Serialization;

namespace Switchboard.Server.Status.Views;

/// <summary>Holds revenue (user price), cost (provider cost) and margin of one group.</summary>
/// <param name="Key">The group's value (absent in totals).</param>
/// <param name="Requests">Requests.</param>
/// <param name="InputTokens">Input tokens.</param>
/// <param name="OutputTokens">Output tokens.</param>
/// <param name="CachedInputTokens">Input tokens read from a prompt cache.</param>
/// <param name="CacheWriteTokens">Input tokens written to a prompt cache.</param>
/// <param name="Revenue">What users were charged.</param>
/// <param name="Cost">What providers charged.</param>
/// <param name="Margin">Revenue minus cost.</param>
/// <param name="MarginPercent">Margin as a percentage of revenue, null without revenue.</param>
internal sealed record CostLineView(
    [property: JsonPropertyName("key")] string? Key,
    [property: JsonPropertyName("requests")] long Requests,
    [property: JsonPropertyName("input_tokens")] long InputTokens,
    [property: JsonPropertyName("output_tokens")] long OutputTokens,
    [property: JsonPropertyName("cached_input_tokens")] long CachedInputTokens,
    [property: JsonPropertyName("cache_write_tokens")] long CacheWriteTokens,
    [property: JsonPropertyName("revenue")] decimal Revenue,
    [property: JsonPropertyName("cost")] decimal Cost,
    [property: JsonPropertyName("margin")] decimal Margin,
    [property: JsonPropertyName("margin_percent")] decimal? MarginPercent);
