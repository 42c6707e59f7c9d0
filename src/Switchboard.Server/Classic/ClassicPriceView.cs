using System.Text.Json.Serialization;

namespace Switchboard.Server.Classic;

/// <summary>A model's user prices in USD per million tokens; a null cached or cache-write price follows the serving source's discount or premium.</summary>
internal sealed record ClassicPriceView(
    [property: JsonPropertyName("currency")] string Currency,
    [property: JsonPropertyName("input_per_million")] decimal InputPerMillion,
    [property: JsonPropertyName("output_per_million")] decimal OutputPerMillion,
    [property: JsonPropertyName("cached_input_per_million")] decimal? CachedInputPerMillion,
    [property: JsonPropertyName("cache_write_per_million")] decimal? CacheWritePerMillion);
