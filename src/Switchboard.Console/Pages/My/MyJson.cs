using System.Text.Json.Serialization;
using Switchboard.Console.Shared;

namespace Switchboard.Console.Pages.My;

/// <summary>Serializes the bodies of the routes a user's own pages call without reflection.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DataList<ModelItem>))]
[JsonSerializable(typeof(DataList<PlatformModelRow>))]
[JsonSerializable(typeof(SelectionBody))]
[JsonSerializable(typeof(KeyBody))]
[JsonSerializable(typeof(KeyResult))]
[JsonSerializable(typeof(PlatformBody))]
[JsonSerializable(typeof(CreatedPlatform))]
[JsonSerializable(typeof(UsageSummary))]
[JsonSerializable(typeof(CallerItem))]
internal sealed partial class MyJson : JsonSerializerContext;
