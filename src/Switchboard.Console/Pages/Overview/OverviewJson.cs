using System.Text.Json.Serialization;

namespace Switchboard.Console.Pages.Overview;

/// <summary>Serializes the overview route's body and the status route the usage grouping reads, without reflection.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(UsageOverview))]
[JsonSerializable(typeof(UsageSummary))]
internal sealed partial class OverviewJson : JsonSerializerContext;
