using Switchboard.Abstractions.Storage;

namespace Switchboard.Core.Tests.Routing.Sharing;

/// <summary>Keeps runtime marks in memory with the store's semantics (one row per kind, subject and model; stamped on write), for sync tests without a database.</summary>
/// <remarks>The real stores are tested against SQLite and PostgreSQL in the storage tests; this one can also be switched off to play a database that is down.</remarks>
internal sealed class MemoryMarkStore(TimeProvider clock) : IRuntimeMarkStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string, long, string), RuntimeMark> _rows = [];
    private long _stamp;
    private int _reads;

    /// <summary>Gets or sets a value indicating whether every call fails, as a database that does not answer.</summary>
    public bool Down { get; set; }

    /// <summary>Gets how many reads answered.</summary>
    public int Reads => Volatile.Read(ref _reads);

    public IReadOnlyList<RuntimeMark> Rows
    {
        get
        {
            lock (_gate)
            {
                return [.. _rows.Values];
            }
        }
    }

    public Task WriteAsync(IReadOnlyList<RuntimeMark> marks, CancellationToken cancellationToken)
    {
        ThrowIfDown();
        lock (_gate)
        {
            foreach (var mark in marks)
            {
                // A strictly growing stamp, as a database clock read per statement would give.
                _rows[(mark.Kind, mark.SubjectId, mark.Model)] = mark with { UpdatedAt = clock.GetUtcNow().AddTicks(++_stamp) };
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<RuntimeMark>> ReadChangedAsync(DateTimeOffset? since, int limit, CancellationToken cancellationToken)
    {
        ThrowIfDown();
        Interlocked.Increment(ref _reads);
        lock (_gate)
        {
            IReadOnlyList<RuntimeMark> changed = [.. _rows.Values.Where(m => since is null || m.UpdatedAt > since).OrderBy(m => m.UpdatedAt).Take(limit)];
            return Task.FromResult(changed);
        }
    }

    public Task<int> DeleteExpiredAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        ThrowIfDown();
        lock (_gate)
        {
            var ended = _rows.Where(r => r.Value.Until < before).Select(r => r.Key).ToList();
            ended.ForEach(key => _rows.Remove(key));
            return Task.FromResult(ended.Count);
        }
    }

    private void ThrowIfDown()
    {
        if (Down)
        {
            throw new InvalidOperationException("The database is down.");
        }
    }
}
