using System.Text.Json;
using System.Text.Json.Nodes;
using Switchboard.Abstractions.Chat;

namespace Switchboard.Providers.Gemini;

/// <summary>Provides the small JSON helpers the request mappers share.</summary>
internal static class GeminiJson
{
    /// <summary>Wraps an element as a node; the node reads the element lazily, so its document must outlive the write.</summary>
    public static JsonNode? ToNode(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => JsonObject.Create(element),
        JsonValueKind.Array => JsonArray.Create(element),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => JsonValue.Create(element),
    };

    /// <summary>Gets a property that is present and not null.</summary>
    public static bool TryGet(JsonElement element, string name, out JsonElement value) =>
        element.TryGetProperty(name, out value) && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined);

    /// <summary>Gets a string property, or null.</summary>
    public static string? StringOf(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    /// <summary>Builds the error for a client field that cannot be translated.</summary>
    public static UpstreamError Invalid(string param, string message) =>
        new(UpstreamErrorKind.InvalidRequest, message) { Param = param };
}
