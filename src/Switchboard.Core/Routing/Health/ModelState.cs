namespace Switchboard.Core.Routing.Health;

/// <summary>Holds the runtime state of one catalog model: the turn counter of strategies that take turns.</summary>
/// <remarks>Kept by model id in <see cref="RoutingState"/>, so a reload does not restart the rotation. Thread-safe.</remarks>
internal sealed class ModelState
{
    private int _rotation;

    /// <summary>Returns a number that grows by one per request, for strategies that take turns.</summary>
    public uint NextRotation() => (uint)Interlocked.Increment(ref _rotation);
}
