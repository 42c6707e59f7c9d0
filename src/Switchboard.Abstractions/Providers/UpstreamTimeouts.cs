namespace Switchboard.Abstractions.Providers;

/// <summary>Holds the time limits of one upstream call.</summary>
/// <param name="FirstByte">How long to wait for response headers.</param>
/// <param name="Idle">
/// How long a stream may stay silent between chunks (reset only by real data), and how long a non-streamed body
/// has, as a whole, to arrive after its headers.
/// </param>
/// <param name="Total">The overall cap for a non-streamed body; the smaller of it and <paramref name="Idle"/> applies.</param>
public sealed record UpstreamTimeouts(TimeSpan FirstByte, TimeSpan Idle, TimeSpan Total)
{
    /// <summary>Gets the defaults: 60 s to first byte, 60 s idle, 10 min total.</summary>
    public static UpstreamTimeouts Default { get; } = new(TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(60), TimeSpan.FromMinutes(10));

    /// <summary>Gets how long a non-streamed body may take, as a whole, once its headers arrived.</summary>
    public TimeSpan Body => Idle < Total ? Idle : Total;
}
