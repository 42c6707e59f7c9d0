namespace Switchboard.Abstractions.Usage;

/// <summary>Says what usage totals are grouped by.</summary>
public enum UsageGrouping
{
    /// <summary>One group with everything.</summary>
    None = 0,

    /// <summary>By catalog model.</summary>
    Model,

    /// <summary>By agent name (<c>X-Agent-Name</c>).</summary>
    Agent,

    /// <summary>By provider kind.</summary>
    Provider,

    /// <summary>By platform.</summary>
    Platform,

    /// <summary>By the virtual key that authenticated the request.</summary>
    VirtualKey,

    /// <summary>By the upstream key id that served the request.</summary>
    UpstreamKey,

    /// <summary>By user.</summary>
    User,

    /// <summary>By usage slot.</summary>
    Slot,

    /// <summary>By the client protocol the request arrived in (<see cref="UsageRecord.Protocol"/>).</summary>
    Protocol,
}
