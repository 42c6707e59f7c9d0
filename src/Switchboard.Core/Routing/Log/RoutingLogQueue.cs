using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Switchboard.Abstractions.RoutingLog;
using Switchboard.Core.Telemetry;

namespace Switchboard.Core.Routing.Log;

/// <summary>Queues routing log entries in a bounded channel for the background writer; when it is full, entries are dropped and counted.</summary>
/// <remarks>
/// Unlike usage, the routing log is diagnostic: losing entries during a long database outage is better than growing
/// memory, so a full queue drops instead of overflowing. <see cref="Write"/> never waits. Singleton and thread-safe.
/// </remarks>
public sealed class RoutingLogQueue
{
    private static readonly Counter<long> DroppedCounter = GatewayMetrics.Meter.CreateCounter<long>(
        TelemetryNames.RoutingLogDropped, "{entry}", "Routing log entries dropped because the writer's queue was full.");

    private readonly Channel<RoutingLogRecord> _channel;
    private readonly RoutingLogOptions _options;
    private long _dropped;

    /// <summary>Creates the queue with the configured capacity.</summary>
    public RoutingLogQueue(IOptions<RoutingLogOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _channel = Channel.CreateBounded<RoutingLogRecord>(new BoundedChannelOptions(Math.Max(1, _options.QueueCapacity))
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>Gets the number of entries waiting to be written.</summary>
    public int Depth => _channel.Reader.Count;

    /// <summary>Gets how many entries were dropped because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Decides whether a followed request that succeeded on its first attempt is kept (<see cref="RoutingLogOptions.SuccessSampleRate"/>).</summary>
    public bool KeepsSuccess() => Sample(_options.SuccessSampleRate);

    /// <summary>Decides whether the request about to be routed is followed, honouring <see cref="RoutingLogOptions.Enabled"/> and the sample rate.</summary>
    public bool ShouldRecord() => _options.Enabled && Sample(_options.SampleRate);

    private static bool Sample(double rate) => rate >= 1 || (rate > 0 && Random.Shared.NextDouble() < rate);

    /// <summary>Queues an entry; never blocks. A full queue drops the entry and counts it.</summary>
    public void Write(RoutingLogRecord record)
    {
        if (!_channel.Writer.TryWrite(record))
        {
            Interlocked.Increment(ref _dropped);
            DroppedCounter.Add(1);
        }
    }

    /// <summary>Moves up to <paramref name="max"/> queued entries into <paramref name="batch"/>; returns how many.</summary>
    public int Drain(List<RoutingLogRecord> batch, int max)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var taken = 0;
        while (taken < max && _channel.Reader.TryRead(out var record))
        {
            batch.Add(record);
            taken++;
        }

        return taken;
    }

    /// <summary>Waits until an entry is available or the token fires.</summary>
    public ValueTask<bool> WaitAsync(CancellationToken cancellationToken) => _channel.Reader.WaitToReadAsync(cancellationToken);
}
