using System.Text.Json.Serialization;

namespace Switchboard.Server.Classic;

/// <summary>One model in the original service's model list: its id, type, the providers that serve it, capabilities, context window and the caller's prices.</summary>
internal sealed record ClassicModelView(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("object")] string Object,
    [property: JsonPropertyName("display_name")] string DisplayName,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("owned_by")] string OwnedBy,
    [property: JsonPropertyName("providers")] IReadOnlyList<ClassicProviderView> Providers,
    [property: JsonPropertyName("capabilities")] IReadOnlyList<string> Capabilities,
    [property: JsonPropertyName("context_window")] int? ContextWindow,
    [property: JsonPropertyName("tags")] IReadOnlyList<string> Tags,
    [property: JsonPropertyName("pricing")] ClassicPriceView Pricing);
