namespace Switchboard.Core.Routing.Strategies;

/// <summary>Orders the healthy sources of one priority group for one request, best first.</summary>
/// <remarks>Implementations are stateless singletons shared by all requests; they must be thread-safe and allocate nothing.</remarks>
internal interface IRoutingStrategy
{
    /// <summary>Gets the name a catalog model's <c>strategy</c> uses (see <see cref="RoutingStrategies"/>).</summary>
    string Name { get; }

    /// <summary>Sorts <paramref name="group"/> in place, best first; it arrives in configured order.</summary>
    void Order(Span<SourceCandidate> group, in RoutingContext context);
}
