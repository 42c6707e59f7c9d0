using System.Text.Json;
using System.Text.Json.Serialization;

namespace Switchboard.Server.Classic;

/// <summary>Describes the body of the original service's chat routes for the OpenAPI document; <see cref="ClassicChatRequest"/> reads it.</summary>
internal sealed record ClassicChatBody(
    [property: JsonPropertyName("model_name")] string ModelName,
    [property: JsonPropertyName("messages")] JsonElement Messages,
    [property: JsonPropertyName("provider")] string? Provider = null,
    [property: JsonPropertyName("parameters")] JsonElement? Parameters = null,
    [property: JsonPropertyName("user_id")] string? UserId = null);
