namespace Switchboard.Server.Tests.Routing;

/// <summary>Names the faults the fault-injecting upstream cycles through.</summary>
public enum FaultKind
{
    Status500,
    Status502,
    Status503,
    Status529,
    RateLimited,
    TimeoutBeforeHeaders,
    ResetBeforeHeaders,
    ResetMidBody,
    Malformed,
    SlowTrickle,
}
