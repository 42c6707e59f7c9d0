namespace Switchboard.Core.Routing.Strategies;

/// <summary>Names the built-in routing strategies a catalog model's <c>strategy</c> may choose.</summary>
/// <remarks>
/// Sources with a lower priority number form the first group and the others are fallbacks, group by group; a strategy
/// orders the sources within each group. So a fallback chain of load-balanced groups is a priority per group plus one
/// of these strategies.
/// </remarks>
public static class RoutingStrategies
{
    /// <summary>Tries sources in their configured order (the default).</summary>
    public const string Priority = "priority";

    /// <summary>Tries the cheapest healthy source first, by input plus output price.</summary>
    public const string Cost = "cost";

    /// <summary>Takes turns over the sources.</summary>
    public const string RoundRobin = "round_robin";

    /// <summary>Picks at random in proportion to source weight times the weight of its available keys.</summary>
    public const string Weighted = "weighted";

    /// <summary>Tries the source with the best health score (success rate and latency) first.</summary>
    public const string Health = "health";

    /// <summary>Tries the source with the lowest expected wait first: moving time to first token times (attempts in flight + 1).</summary>
    public const string Latency = "latency";

    /// <summary>Tries the source with the fewest attempts in flight (per unit of weight) first.</summary>
    public const string LeastBusy = "least_busy";

    /// <summary>Gets the strategy used when a model names none or an unknown one.</summary>
    public const string Default = Priority;
}
