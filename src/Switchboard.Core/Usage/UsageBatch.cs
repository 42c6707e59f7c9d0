using Switchboard.Abstractions.Usage;

namespace Switchboard.Core.Usage;

/// <summary>Holds records the writer took from the queue, with the write-ahead log segments that keep them until they are stored.</summary>
/// <remarks>Used by one writer at a time; not thread-safe.</remarks>
public sealed class UsageBatch
{
    private readonly List<UsageWalSegment> _segments;

    /// <summary>Creates an empty batch with room for <paramref name="capacity"/> records.</summary>
    public UsageBatch(int capacity)
    {
        Records = new List<UsageRecord>(capacity);
        _segments = new List<UsageWalSegment>(capacity);
    }

    /// <summary>Gets the records, in the order they were taken.</summary>
    public List<UsageRecord> Records { get; }

    /// <summary>Gets the number of records.</summary>
    public int Count => Records.Count;

    /// <summary>Adds a record and the segment holding it, if any.</summary>
    public void Add(UsageRecord record, UsageWalSegment? segment)
    {
        Records.Add(record);
        if (segment is not null)
        {
            _segments.Add(segment);
        }
    }

    /// <summary>Empties the batch once its records are stored or journaled: the write-ahead log no longer needs to keep them.</summary>
    public void Complete(UsageWriteAheadLog? log)
    {
        if (log is not null && _segments.Count > 0)
        {
            // Segments arrive in runs (consecutive records share one), so a release per run is enough.
            var run = _segments[0];
            var count = 0;
            foreach (var segment in _segments)
            {
                if (!ReferenceEquals(segment, run))
                {
                    log.Release(run, count);
                    run = segment;
                    count = 0;
                }

                count++;
            }

            log.Release(run, count);
        }

        Records.Clear();
        _segments.Clear();
    }
}
