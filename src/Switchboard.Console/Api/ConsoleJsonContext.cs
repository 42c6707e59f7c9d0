using System.Text.Json.Serialization;

namespace Switchboard.Console.Api;

/// <summary>Serializes the REST API's bodies without reflection, so trimming keeps every field the console reads.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ErrorEnvelope))]
[JsonSerializable(typeof(TenancySettings))]
[JsonSerializable(typeof(CallerIdentity))]
internal sealed partial class ConsoleJsonContext : JsonSerializerContext;
