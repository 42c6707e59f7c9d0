using System.Text.Json.Serialization;
using Switchboard.Abstractions.RoutingLog;

namespace Switchboard.Storage.RoutingLog;

/// <summary>Provides source-generated JSON metadata for the attempts column of the routing log.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(IReadOnlyList<RoutingLogAttempt>))]
[JsonSerializable(typeof(List<RoutingLogAttempt>))]
internal sealed partial class RoutingLogJsonContext : JsonSerializerContext;
