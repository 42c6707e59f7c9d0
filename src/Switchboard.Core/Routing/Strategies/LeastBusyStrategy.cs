namespace Switchboard.Core.Routing.Strategies;

/// <summary>Tries the source with the fewest attempts in flight per unit of weight first; ties take turns.</summary>
internal sealed class LeastBusyStrategy : IRoutingStrategy
{
    public string Name => RoutingStrategies.LeastBusy;

    public void Order(Span<SourceCandidate> group, in RoutingContext context)
    {
        foreach (ref var candidate in group)
        {
            candidate.SortKey = candidate.State.InFlight / (double)candidate.Source.Weight;
        }

        CandidateSorter.Sort(group, context.Rotation);
    }
}
