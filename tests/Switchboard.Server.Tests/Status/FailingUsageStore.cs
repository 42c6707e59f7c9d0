using Switchboard.Abstractions.Storage;
using Switchboard.Abstractions.Usage;

namespace Switchboard.Server.Tests.Status;

/// <summary>Wraps the real usage store and throws on every call while <see cref="Down"/> is set, as a stopped database would.</summary>
internal sealed class FailingUsageStore(IUsageStore inner) : IUsageStore
{
    public volatile bool Down;

    public Task InsertAsync(IReadOnlyList<UsageRecord> records, CancellationToken cancellationToken) =>
        Down ? Task.FromException(new InvalidOperationException("database unavailable")) : inner.InsertAsync(records, cancellationToken);

    public Task<IReadOnlyList<UsageRecord>> QueryAsync(DateTimeOffset from, DateTimeOffset to, string? userId, int limit, CancellationToken cancellationToken) =>
        Down ? Task.FromException<IReadOnlyList<UsageRecord>>(new InvalidOperationException("database unavailable")) : inner.QueryAsync(from, to, userId, limit, cancellationToken);

    public Task<long> CountAsync(CancellationToken cancellationToken) => inner.CountAsync(cancellationToken);

    public Task<IReadOnlyList<UsageGroup>> AggregateAsync(UsageQuery query, UsageGrouping groupBy, CancellationToken cancellationToken) => inner.AggregateAsync(query, groupBy, cancellationToken);

    public Task<IReadOnlyList<UsageTimeBucket>> TimelineAsync(UsageQuery query, UsageInterval interval, TimeSpan utcOffset, CancellationToken cancellationToken) =>
        inner.TimelineAsync(query, interval, utcOffset, cancellationToken);

    public Task<IReadOnlyList<SourcePerformance>> PerformanceAsync(UsageQuery query, CancellationToken cancellationToken) => inner.PerformanceAsync(query, cancellationToken);

    public Task<UsagePurgeResult> RollUpAndPurgeAsync(DateTimeOffset olderThan, CancellationToken cancellationToken) => inner.RollUpAndPurgeAsync(olderThan, cancellationToken);

    public Task<long> InsertAlertAsync(AlertRecord alert, CancellationToken cancellationToken) => inner.InsertAlertAsync(alert, cancellationToken);

    public Task<IReadOnlyList<AlertRecord>> ListAlertsAsync(DateTimeOffset since, int limit, CancellationToken cancellationToken) => inner.ListAlertsAsync(since, limit, cancellationToken);

    public Task MarkAlertDeliveredAsync(long id, DateTimeOffset deliveredAt, CancellationToken cancellationToken) => inner.MarkAlertDeliveredAsync(id, deliveredAt, cancellationToken);
}
