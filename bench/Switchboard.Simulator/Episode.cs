namespace Switchboard.Simulator;

/// <summary>A scripted time window during which a source misbehaves.</summary>
/// <param name="Kind">What goes wrong.</param>
/// <param name="StartTicks">When it starts, in ticks since the simulation began.</param>
/// <param name="EndTicks">When it ends, in ticks since the simulation began.</param>
/// <param name="Factor">The slowdown factor for <see cref="EpisodeKind.Slowdown"/>.</param>
internal sealed record Episode(EpisodeKind Kind, long StartTicks, long EndTicks, double Factor = 1);
