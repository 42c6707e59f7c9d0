namespace Switchboard.Core.Routing.Strategies;

/// <summary>Keeps the configured order: the first healthy source serves, the next ones are fallbacks.</summary>
internal sealed class PriorityStrategy : IRoutingStrategy
{
    public string Name => RoutingStrategies.Priority;

    public void Order(Span<SourceCandidate> group, in RoutingContext context)
    {
        // Candidates arrive in configured order, which is this strategy's order.
    }
}
