using System.Text.Json.Serialization;

namespace Switchboard.Server.Status.Views;

/// <summary>Reports latency and time to first token per model and source.</summary>
/// <param name="Period">The period asked for.</param>
/// <param name="From">The inclusive start.</param>
/// <param name="To">The exclusive end.</param>
/// <param name="Models">One entry per model and source.</param>
internal sealed record PerformanceView(
    [property: JsonPropertyName("period")] string Period,
    [property: JsonPropertyName("from")] DateTimeOffset From,
    [property: JsonPropertyName("to")] DateTimeOffset To,
    [property: JsonPropertyName("models")] IReadOnlyList<SourcePerformanceView> Models);
