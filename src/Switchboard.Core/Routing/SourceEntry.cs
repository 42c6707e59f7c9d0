using Switchboard.Abstractions.Configuration;

namespace Switchboard.Core.Routing;

/// <summary>Holds one source of a catalog model: a platform model with priority, weight and its per-key targets.</summary>
internal sealed class SourceEntry(PlatformEntry platform, PlatformModelConfig model, int priority, int weight, IReadOnlyList<SourceTarget> targets)
{
    public PlatformEntry Platform { get; } = platform;

    public PlatformModelConfig Model { get; } = model;

    public int Priority { get; } = priority;

    public int Weight { get; } = weight;

    public IReadOnlyList<SourceTarget> Targets { get; } = targets;

    /// <summary>Gets the id under which the source's runtime health is kept: the platform model's id, stable across reloads.</summary>
    public long StateId => Model.Id;

    /// <summary>Gets the order in which the keys share the load.</summary>
    public KeyRotation Keys { get; } = new(targets);

    /// <summary>Gets the <c>Platform/Model</c> address, built once because headers and logs ask for it per request.</summary>
    public string Address { get; } = $"{platform.Name}/{model.DisplayName}";

    public override string ToString() => Address;
}
