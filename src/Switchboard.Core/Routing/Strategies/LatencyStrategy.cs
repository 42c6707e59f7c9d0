namespace Switchboard.Core.Routing.Strategies;

/// <summary>Tries the source with the lowest expected wait first: its moving time to first token times its attempts in flight plus one.</summary>
/// <remarks>
/// Weighing by the attempts in flight (as peak-EWMA balancers do) keeps the fastest source from being flooded until
/// it slows down or hits its rate limit; when idle it is plain lowest latency. A source never measured ranks first so
/// it gets measured. A source left alone for being slow sees its estimate fade
/// (<see cref="RoutingOptions.RankingDecay"/>) until it is tried again: if it is still slow it drops back, if it
/// recovered it wins its traffic back.
/// </remarks>
internal sealed class LatencyStrategy : IRoutingStrategy
{
    public string Name => RoutingStrategies.Latency;

    public void Order(Span<SourceCandidate> group, in RoutingContext context)
    {
        foreach (ref var candidate in group)
        {
            candidate.SortKey = candidate.State.Stats.RankingLatencyMs(context.NowTicks, context.Options) * (candidate.State.InFlight + 1);
        }

        CandidateSorter.Sort(group, context.Rotation);
    }
}
