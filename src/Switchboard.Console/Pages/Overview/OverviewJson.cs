using System.Text.Json.Serialization;

namespace Switchboard.Console.Pages.Overview;

/// <summary>Serializes the status routes' bodies the overview and the usage grouping read, without reflection.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(UsageSummary))]
[JsonSerializable(typeof(PerformanceReport))]
[JsonSerializable(typeof(CostReport))]
[JsonSerializable(typeof(HealthReport))]
internal sealed partial class OverviewJson : JsonSerializerContext;
