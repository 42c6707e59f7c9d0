namespace Switchboard.Core.Routing.Sessions;

/// <summary>Remembers which source and key last served a session, and when it was last used.</summary>
internal sealed class StickyBinding(long sourceStateId, long keyStateId, long lastSeenTicks)
{
    private long _lastSeenTicks = lastSeenTicks;

    /// <summary>Gets the source's state id.</summary>
    public long SourceStateId { get; } = sourceStateId;

    /// <summary>Gets the key's state id.</summary>
    public long KeyStateId { get; } = keyStateId;

    /// <summary>Gets when the session last used the binding (UTC ticks).</summary>
    public long LastSeenTicks => Interlocked.Read(ref _lastSeenTicks);

    /// <summary>Marks the binding as used at <paramref name="nowTicks"/>.</summary>
    public void Touch(long nowTicks) => Interlocked.Exchange(ref _lastSeenTicks, nowTicks);
}
