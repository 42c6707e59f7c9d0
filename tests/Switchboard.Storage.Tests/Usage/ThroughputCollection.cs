namespace Switchboard.Storage.Tests.Usage;

/// <summary>Runs throughput tests after the parallel ones, one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ThroughputCollection
{
    public const string Name = "Storage throughput";
}
