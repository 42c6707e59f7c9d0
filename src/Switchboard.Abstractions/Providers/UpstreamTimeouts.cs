namespace Switchboard.Abstractions.Providers;

/// <summary>Holds the time limits of one upstream call.</summary>
/// <param name="FirstByte">How long to wait for response headers.</param>
/// <param name="Idle">How long a stream may stay silent between chunks; reset only by real data.</param>
/// <param name="Total">The overall cap for a non-streamed call.</param>
public sealed record UpstreamTimeouts(TimeSpan FirstByte, TimeSpan Idle, TimeSpan Total)
{
    /// <summary>Gets the defaults: 60 s to first byte, 60 s idle, 10 min total.</summary>
    public static UpstreamTimeouts Default { get; } = new(TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(60), TimeSpan.FromMinutes(10));
}
