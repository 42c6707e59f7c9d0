namespace Switchboard.Core.Routing.Strategies;

/// <summary>Carries what a strategy may read while it orders one request's candidates.</summary>
/// <param name="NowTicks">The current time in UTC ticks.</param>
/// <param name="Rotation">A number that grows by one per request of the model, for taking turns.</param>
/// <param name="Random">The random source (injected, so tests and the simulator are deterministic).</param>
/// <param name="Options">The routing tuning.</param>
internal readonly record struct RoutingContext(long NowTicks, uint Rotation, Random Random, RoutingOptions Options);
