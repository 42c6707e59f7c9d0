using System.Collections.Concurrent;
using System.Threading.Channels;
using Switchboard.Abstractions.Usage;

namespace Switchboard.Core.Usage;

/// <summary>Queues usage records in a bounded channel, with an overflow queue so a burst never loses a record.</summary>
/// <remarks>
/// The request path calls <see cref="Write"/>, which never waits. When the channel is full, records go to an
/// unbounded overflow queue that the writer drains first; memory grows during a long database outage instead of
/// records being dropped, and <see cref="Overflowed"/> counts how often that happened.
/// </remarks>
public sealed class UsageQueue : IUsageSink
{
    private readonly Channel<UsageRecord> _channel;
    private readonly ConcurrentQueue<UsageRecord> _overflow = new();
    private long _overflowed;
    private long _written;

    /// <summary>Creates a queue that holds up to <paramref name="capacity"/> records before overflowing.</summary>
    public UsageQueue(int capacity = 100_000) =>
        _channel = Channel.CreateBounded<UsageRecord>(new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    /// <summary>Gets the number of records waiting to be written.</summary>
    public int Depth => _channel.Reader.Count + _overflow.Count;

    /// <summary>Gets how many records went to the overflow queue.</summary>
    public long Overflowed => Interlocked.Read(ref _overflowed);

    /// <summary>Gets how many records were queued in total.</summary>
    public long Written => Interlocked.Read(ref _written);

    /// <inheritdoc />
    public void Write(UsageRecord record)
    {
        Interlocked.Increment(ref _written);
        if (!_channel.Writer.TryWrite(record))
        {
            Interlocked.Increment(ref _overflowed);
            _overflow.Enqueue(record);
        }
    }

    /// <summary>Moves up to <paramref name="max"/> queued records into <paramref name="batch"/>; returns how many.</summary>
    public int Drain(List<UsageRecord> batch, int max)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var taken = 0;
        while (taken < max && _overflow.TryDequeue(out var record))
        {
            batch.Add(record);
            taken++;
        }

        while (taken < max && _channel.Reader.TryRead(out var record))
        {
            batch.Add(record);
            taken++;
        }

        return taken;
    }

    /// <summary>Waits until a record is available or the token fires.</summary>
    public ValueTask<bool> WaitAsync(CancellationToken cancellationToken) =>
        _overflow.IsEmpty ? _channel.Reader.WaitToReadAsync(cancellationToken) : ValueTask.FromResult(true);
}
