using System.Text.Json.Serialization;

namespace Switchboard.Server.Status.Views;

/// <summary>Describes a platform model and its provider prices.</summary>
/// <param name="Id">The id.</param>
/// <param name="DisplayName">The display name.</param>
/// <param name="UpstreamModel">The upstream model.</param>
/// <param name="Type">Chat or embedding.</param>
/// <param name="InputPrice">Per 1M input tokens.</param>
/// <param name="OutputPrice">Per 1M output tokens.</param>
/// <param name="CachedInputPrice">Per 1M cached input tokens.</param>
/// <param name="CacheWritePrice">Per 1M cache-write tokens; null for the provider kind's default.</param>
/// <param name="CacheWrite1HourPrice">Per 1M one-hour cache-write tokens; null for the provider kind's default.</param>
/// <param name="ContextWindow">The context window.</param>
/// <param name="Enabled">Whether it serves.</param>
internal sealed record DebugModelView(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("display_name")] string DisplayName,
    [property: JsonPropertyName("upstream_model")] string UpstreamModel,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("input_price")] decimal InputPrice,
    [property: JsonPropertyName("output_price")] decimal OutputPrice,
    [property: JsonPropertyName("cached_input_price")] decimal? CachedInputPrice,
    [property: JsonPropertyName("cache_write_price")] decimal? CacheWritePrice,
    [property: JsonPropertyName("cache_write_1h_price")] decimal? CacheWrite1HourPrice,
    [property: JsonPropertyName("context_window")] int? ContextWindow,
    [property: JsonPropertyName("enabled")] bool Enabled);
