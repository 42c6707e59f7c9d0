using System.Text.Json.Serialization;
using Switchboard.Console.Shared;

namespace Switchboard.Console.Pages.Keys;

/// <summary>Serializes the virtual key routes' bodies without reflection.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DataList<KeyItem>))]
[JsonSerializable(typeof(CreateKeyBody))]
[JsonSerializable(typeof(CreatedKey))]
internal sealed partial class KeysJson : JsonSerializerContext;
