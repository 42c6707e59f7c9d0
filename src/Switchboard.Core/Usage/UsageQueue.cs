using System.Collections.Concurrent;
using System.Threading.Channels;
using Switchboard.Abstractions.Usage;

namespace Switchboard.Core.Usage;

/// <summary>Queues usage records in a bounded channel, with an overflow queue so a burst never loses a record.</summary>
/// <remarks>
/// The request path calls <see cref="Write"/>, which never waits. When the channel is full, records go to an
/// unbounded overflow queue that the writer drains first; memory grows during a long database outage instead of
/// records being dropped, and <see cref="Overflowed"/> counts how often that happened. With a
/// <see cref="UsageWriteAheadLog"/>, each record is appended to it before it is queued, so a crash before the writer
/// stores it loses nothing.
/// </remarks>
public sealed class UsageQueue : IUsageSink, IDisposable
{
    private readonly Channel<QueuedUsage> _channel;
    private readonly ConcurrentQueue<QueuedUsage> _overflow = new();
    private readonly UsageWriteAheadLog? _log;
    private long _overflowed;
    private long _written;

    /// <summary>Creates a queue that holds up to <paramref name="capacity"/> records before overflowing, appending each to <paramref name="log"/> when one is given.</summary>
    public UsageQueue(int capacity = 100_000, UsageWriteAheadLog? log = null)
    {
        _log = log;
        _channel = Channel.CreateBounded<QueuedUsage>(new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    }

    /// <summary>Gets the write-ahead log records are appended to, if any.</summary>
    public UsageWriteAheadLog? Log => _log;

    /// <summary>Gets the number of records waiting to be written.</summary>
    public int Depth => _channel.Reader.Count + _overflow.Count;

    /// <summary>Gets how many records went to the overflow queue.</summary>
    public long Overflowed => Interlocked.Read(ref _overflowed);

    /// <summary>Gets how many records were queued in total.</summary>
    public long Written => Interlocked.Read(ref _written);

    /// <inheritdoc />
    public void Write(UsageRecord record)
    {
        var item = new QueuedUsage(record, _log?.Append(record));
        Interlocked.Increment(ref _written);
        if (!_channel.Writer.TryWrite(item))
        {
            Interlocked.Increment(ref _overflowed);
            _overflow.Enqueue(item);
        }
    }

    /// <summary>Moves up to <paramref name="max"/> queued records into <paramref name="batch"/>; returns how many.</summary>
    public int Drain(UsageBatch batch, int max)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var taken = 0;
        while (taken < max && _overflow.TryDequeue(out var item))
        {
            batch.Add(item.Record, item.Segment);
            taken++;
        }

        while (taken < max && _channel.Reader.TryRead(out var item))
        {
            batch.Add(item.Record, item.Segment);
            taken++;
        }

        return taken;
    }

    /// <summary>Moves up to <paramref name="max"/> queued records into a plain list; only for a queue without a write-ahead log, whose segments would never be released.</summary>
    /// <exception cref="InvalidOperationException">The queue has a write-ahead log.</exception>
    public int Drain(List<UsageRecord> batch, int max)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (_log is not null)
        {
            throw new InvalidOperationException("A queue with a write-ahead log is drained into a UsageBatch, which releases the records' segments once they are stored.");
        }

        var drained = new UsageBatch(max);
        var taken = Drain(drained, max);
        batch.AddRange(drained.Records);
        return taken;
    }

    /// <summary>Waits until a record is available or the token fires.</summary>
    public ValueTask<bool> WaitAsync(CancellationToken cancellationToken) =>
        _overflow.IsEmpty ? _channel.Reader.WaitToReadAsync(cancellationToken) : ValueTask.FromResult(true);

    /// <summary>Closes the write-ahead log, which deletes its current segment when every record in it is stored.</summary>
    /// <remarks>The host disposes the queue after the writer has drained it, so a graceful stop leaves no segment to replay.</remarks>
    public void Dispose() => _log?.Dispose();

    private readonly record struct QueuedUsage(UsageRecord Record, UsageWalSegment? Segment);
}
