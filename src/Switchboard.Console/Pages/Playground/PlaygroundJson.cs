using System.Text.Json.Serialization;

namespace Switchboard.Console.Pages.Playground;

/// <summary>Serializes the playground's bodies without reflection, so trimming keeps every field it reads and writes.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ModelList))]
[JsonSerializable(typeof(ChatRequest))]
internal sealed partial class PlaygroundJson : JsonSerializerContext;
