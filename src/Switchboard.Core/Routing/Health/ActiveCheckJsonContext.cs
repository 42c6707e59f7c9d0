using System.Text.Json.Serialization;

namespace Switchboard.Core.Routing.Health;

/// <summary>The body of an active health check: the smallest valid chat completion request.</summary>
internal sealed record CheckBody(
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("messages")] IReadOnlyList<CheckMessage> Messages,
    [property: JsonPropertyName("max_tokens")] int MaxTokens);

/// <summary>One message of <see cref="CheckBody"/>.</summary>
internal sealed record CheckMessage(
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("content")] string Content);

/// <summary>Source-generated serialization of <see cref="CheckBody"/>.</summary>
[JsonSerializable(typeof(CheckBody))]
internal sealed partial class ActiveCheckJsonContext : JsonSerializerContext;
