namespace Switchboard.Core.Routing.Strategies;

/// <summary>Orders sources at random in proportion to source weight times the weight of its available keys.</summary>
/// <remarks>
/// Each source draws an exponential race time with rate equal to its weight (Efraimidis–Spirakis); sorting by it picks
/// the first source with probability weight/total and the fallbacks the same way among the rest. Keys then share a
/// source by their own weights, so a (source, key) pair serves in proportion to source weight × key weight.
/// </remarks>
internal sealed class WeightedStrategy : IRoutingStrategy
{
    public string Name => RoutingStrategies.Weighted;

    public void Order(Span<SourceCandidate> group, in RoutingContext context)
    {
        if (group.Length < 2)
        {
            return;
        }

        foreach (ref var candidate in group)
        {
            var weight = (double)candidate.Source.Weight * candidate.KeyWeight;
#pragma warning disable CA5394 // Load balancing needs a fast, injectable random source, not a cryptographic one.
            candidate.SortKey = -Math.Log(1 - context.Random.NextDouble()) / weight;
#pragma warning restore CA5394
        }

        CandidateSorter.Sort(group, context.Rotation);
    }
}
