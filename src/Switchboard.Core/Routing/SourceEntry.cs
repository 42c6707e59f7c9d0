using Switchboard.Abstractions.Configuration;

namespace Switchboard.Core.Routing;

/// <summary>Holds one source of a catalog model: a platform model with priority, weight and its per-key targets.</summary>
internal sealed class SourceEntry(PlatformEntry platform, PlatformModelConfig model, int priority, int weight, IReadOnlyList<SourceTarget> targets)
{
    private int _rotation;

    public PlatformEntry Platform { get; } = platform;

    public PlatformModelConfig Model { get; } = model;

    public int Priority { get; } = priority;

    public int Weight { get; } = weight;

    public IReadOnlyList<SourceTarget> Targets { get; } = targets;

    /// <summary>Returns a rotating start index so equal keys share the load.</summary>
    public int NextRotation() => Targets.Count <= 1 ? 0 : (int)((uint)Interlocked.Increment(ref _rotation) % (uint)Targets.Count);

    public override string ToString() => $"{Platform.Name}/{Model.DisplayName}";
}
