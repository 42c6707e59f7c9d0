using System.Text.Json.Serialization;

namespace Switchboard.Server.Status.Views;

/// <summary>Counts tokens by type.</summary>
/// <param name="Input">Input tokens.</param>
/// <param name="Output">Output tokens.</param>
/// <param name="CachedInput">Cached input tokens.</param>
/// <param name="Reasoning">Reasoning tokens.</param>
internal sealed record TokenCountsView(
    [property: JsonPropertyName("input")] long Input,
    [property: JsonPropertyName("output")] long Output,
    [property: JsonPropertyName("cached_input")] long CachedInput,
    [property: JsonPropertyName("reasoning")] long Reasoning);
