using Switchboard.Abstractions.Storage;
using Switchboard.Abstractions.Usage;

namespace Switchboard.Core.Tests.Usage;

/// <summary>Stores usage in memory, idempotent on request id like the real stores, and fails every call while <see cref="Down"/> is set.</summary>
internal sealed class OutageStore : IUsageStore
{
    private readonly Dictionary<string, UsageRecord> _stored = new(StringComparer.Ordinal);

    public volatile bool Down;

    public int Calls;

    /// <summary>Runs inside every insert, on the caller's thread (tests record the thread or block it).</summary>
    public Action? OnInsert;

    public int Count
    {
        get
        {
            lock (_stored)
            {
                return _stored.Count;
            }
        }
    }

    public Task InsertAsync(IReadOnlyList<UsageRecord> records, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Calls);
        OnInsert?.Invoke();
        if (Down)
        {
            throw new InvalidOperationException("database unavailable");
        }

        lock (_stored)
        {
            foreach (var record in records)
            {
                _stored.TryAdd(record.RequestId, record);
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<UsageRecord>> QueryAsync(DateTimeOffset from, DateTimeOffset to, string? userId, int limit, CancellationToken cancellationToken)
    {
        lock (_stored)
        {
            return Task.FromResult<IReadOnlyList<UsageRecord>>([.. _stored.Values]);
        }
    }

    public Task<long> CountAsync(CancellationToken cancellationToken) => Task.FromResult((long)Count);

    public Task<IReadOnlyList<UsageGroup>> AggregateAsync(UsageQuery query, UsageGrouping groupBy, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<UsageTimeBucket>> TimelineAsync(UsageQuery query, UsageInterval interval, TimeSpan utcOffset, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<SourcePerformance>> PerformanceAsync(UsageQuery query, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<UsagePurgeResult> RollUpAndPurgeAsync(DateTimeOffset olderThan, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<long> InsertAlertAsync(AlertRecord alert, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<AlertRecord>> ListAlertsAsync(DateTimeOffset since, int limit, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task MarkAlertDeliveredAsync(long id, DateTimeOffset deliveredAt, CancellationToken cancellationToken) => throw new NotSupportedException();
}
