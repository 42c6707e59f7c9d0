using System.Text.Json.Serialization;

namespace Switchboard.Console.Pages.Usage;

/// <summary>Serializes the usage page's bodies without reflection, so trimming keeps every field it reads.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(UsageRecordList))]
[JsonSerializable(typeof(UsageRecordRow))]
[JsonSerializable(typeof(RoutingLogEntry))]
internal sealed partial class UsageJson : JsonSerializerContext;
