using System.Text.Json.Serialization;

namespace Switchboard.Server.Classic;

/// <summary>The answer of <c>GET /api/v1/models/</c>: the models the caller may use, narrowed to one provider when asked.</summary>
internal sealed record ClassicModelListView(
    [property: JsonPropertyName("object")] string Object,
    [property: JsonPropertyName("provider")] string? Provider,
    [property: JsonPropertyName("data")] IReadOnlyList<ClassicModelView> Data);
