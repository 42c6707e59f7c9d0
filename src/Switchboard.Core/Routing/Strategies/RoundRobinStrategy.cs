namespace Switchboard.Core.Routing.Strategies;

/// <summary>Takes turns: each request of the model starts one source further along.</summary>
internal sealed class RoundRobinStrategy : IRoutingStrategy
{
    public string Name => RoutingStrategies.RoundRobin;

    public void Order(Span<SourceCandidate> group, in RoutingContext context)
    {
        foreach (ref var candidate in group)
        {
            candidate.SortKey = 0;
        }

        CandidateSorter.Sort(group, context.Rotation);
    }
}
