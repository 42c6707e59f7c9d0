namespace Switchboard.Core.Pipeline;

/// <summary>Says which source answered and how many attempts it took, for response headers and logs.</summary>
/// <param name="Source">The <c>Platform/Model</c> of the final attempt, or null.</param>
/// <param name="Attempts">The number of upstream attempts.</param>
/// <param name="Fallbacks">How many times the request moved to another source (key changes within a source do not count).</param>
/// <param name="Cache">What the response cache did (<see cref="Caching.CacheStatus"/>), or null when the request did not use it.</param>
public readonly record struct RouteInfo(string? Source, int Attempts, int Fallbacks = 0, string? Cache = null);
