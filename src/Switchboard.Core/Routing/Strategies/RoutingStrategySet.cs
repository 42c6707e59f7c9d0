using System.Collections.Frozen;

namespace Switchboard.Core.Routing.Strategies;

/// <summary>Gathers routing strategies by name, with a default for models that name none or an unknown one.</summary>
/// <remarks>Immutable and thread-safe; lookups are one frozen-dictionary read per request.</remarks>
internal sealed class RoutingStrategySet
{
    private readonly FrozenDictionary<string, IRoutingStrategy> _byName;

    public RoutingStrategySet(IEnumerable<IRoutingStrategy> strategies, string defaultName)
    {
        _byName = strategies.ToFrozenDictionary(s => s.Name, StringComparer.OrdinalIgnoreCase);
        Default = _byName.TryGetValue(defaultName, out var fallback)
            ? fallback
            : throw new ArgumentException($"No strategy is named '{defaultName}'.", nameof(defaultName));
    }

    /// <summary>Gets the built-in strategies with <see cref="RoutingStrategies.Default"/> as default.</summary>
    public static RoutingStrategySet BuiltIn { get; } = new(
        [
            new PriorityStrategy(),
            new CostStrategy(),
            new RoundRobinStrategy(),
            new WeightedStrategy(),
            new HealthStrategy(),
            new LatencyStrategy(),
            new LeastBusyStrategy(),
        ],
        RoutingStrategies.Default);

    /// <summary>Gets the strategy used when none or an unknown one is named.</summary>
    public IRoutingStrategy Default { get; }

    /// <summary>Gets the known names.</summary>
    public IEnumerable<string> Names => _byName.Keys;

    /// <summary>Returns whether a strategy of that name exists.</summary>
    public bool Contains(string name) => _byName.ContainsKey(name);

    /// <summary>Returns the named strategy, or the default.</summary>
    public IRoutingStrategy Resolve(string? name) =>
        name is not null && _byName.TryGetValue(name, out var strategy) ? strategy : Default;
}
