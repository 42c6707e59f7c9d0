namespace Switchboard.Core.Routing;

/// <summary>Holds the current <see cref="RoutingSnapshot"/>; readers take it with one volatile read.</summary>
internal sealed class SnapshotHolder
{
    private RoutingSnapshot _current = RoutingSnapshot.Empty;

    public RoutingSnapshot Current => Volatile.Read(ref _current);

    public void Swap(RoutingSnapshot snapshot) => Volatile.Write(ref _current, snapshot);
}
