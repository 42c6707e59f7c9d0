namespace Switchboard.Core.Tests.Routing;

/// <summary>Describes one source of a test model: its platform name, priority, weight, prices and key weights.</summary>
internal sealed record SourceSpec(string Name, int Priority = 0, int Weight = 1, decimal InputPrice = 0, decimal OutputPrice = 0, int[]? KeyWeights = null);
