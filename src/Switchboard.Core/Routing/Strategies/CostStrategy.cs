namespace Switchboard.Core.Routing.Strategies;

/// <summary>Tries the cheapest source first, by its input plus output price per 1M tokens; equal prices take turns.</summary>
internal sealed class CostStrategy : IRoutingStrategy
{
    public string Name => RoutingStrategies.Cost;

    public void Order(Span<SourceCandidate> group, in RoutingContext context)
    {
        foreach (ref var candidate in group)
        {
            var model = candidate.Source.Model;
            candidate.SortKey = (double)(model.InputPricePerMillion + model.OutputPricePerMillion);
        }

        CandidateSorter.Sort(group, context.Rotation);
    }
}
