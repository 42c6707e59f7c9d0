using System.Text.Json.Serialization;
using Switchboard.Console.Shared;

namespace Switchboard.Console.Pages.Platforms;

/// <summary>Serializes the platforms page's bodies without reflection, so trimming keeps every field it reads.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DataList<SystemPlatform>))]
[JsonSerializable(typeof(PresetCatalog))]
[JsonSerializable(typeof(ProbeRequest))]
[JsonSerializable(typeof(ProbeResult))]
[JsonSerializable(typeof(PlatformCreate))]
[JsonSerializable(typeof(CreatedPlatform))]
[JsonSerializable(typeof(ModelTestRequest))]
[JsonSerializable(typeof(ModelTestResult))]
[JsonSerializable(typeof(DataList<PlatformKey>))]
[JsonSerializable(typeof(PlatformKey))]
[JsonSerializable(typeof(KeyStatusChange))]
[JsonSerializable(typeof(KeyRotation))]
[JsonSerializable(typeof(ServerKeyAdd))]
[JsonSerializable(typeof(CreatedServerKey))]
[JsonSerializable(typeof(ConfigDrift))]
[JsonSerializable(typeof(ResetResult))]
[JsonSerializable(typeof(SealRequest))]
[JsonSerializable(typeof(SealedSecret))]
internal sealed partial class PlatformsJson : JsonSerializerContext;
