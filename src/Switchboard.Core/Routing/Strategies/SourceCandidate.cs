using Switchboard.Core.Routing.Health;

namespace Switchboard.Core.Routing.Strategies;

/// <summary>Holds one admitted source of a request with what strategies rank it by.</summary>
/// <remarks>A mutable struct on purpose: strategies sort spans of them in place, allocating nothing.</remarks>
internal struct SourceCandidate(SourceEntry source, SourceState state, int index, long keyWeight)
{
    /// <summary>Gets the source.</summary>
    public readonly SourceEntry Source => source;

    /// <summary>Gets the source's runtime state.</summary>
    public readonly SourceState State => state;

    /// <summary>Gets the source's position in the model's configured order.</summary>
    public readonly int Index => index;

    /// <summary>Gets the summed weight of the source's keys that are not cooling (1 for a key-less source).</summary>
    public readonly long KeyWeight => keyWeight;

    /// <summary>Gets or sets the strategy's ranking key: lower goes first.</summary>
    public double SortKey { get; set; }

    /// <summary>Gets or sets the configured position within the group, which keeps sorting stable before ties rotate.</summary>
    public int Tie { get; set; }

    /// <inheritdoc/>
    public override readonly string ToString() => $"{Source} (key {SortKey:0.###})";
}
