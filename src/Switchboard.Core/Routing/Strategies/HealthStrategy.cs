namespace Switchboard.Core.Routing.Strategies;

/// <summary>Tries the healthiest source first, by success rate and latency; scores within one band take turns.</summary>
/// <remarks>Scores are cut into bands of 0.05 so that sources that are about as healthy share the load instead of the marginally better one taking it all.</remarks>
internal sealed class HealthStrategy : IRoutingStrategy
{
    private const double Bands = 20;

    public string Name => RoutingStrategies.Health;

    public void Order(Span<SourceCandidate> group, in RoutingContext context)
    {
        foreach (ref var candidate in group)
        {
            candidate.SortKey = -Math.Round(candidate.State.Stats.Score(context.NowTicks, context.Options) * Bands);
        }

        CandidateSorter.Sort(group, context.Rotation);
    }
}
