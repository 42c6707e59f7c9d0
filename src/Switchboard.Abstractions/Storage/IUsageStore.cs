using Switchboard.Abstractions.Usage;

namespace Switchboard.Abstractions.Storage;

/// <summary>Persists usage records in batches.</summary>
public interface IUsageStore
{
    /// <summary>Inserts a batch in one transaction. Inserting a request id that exists already is a no-op, so replays never double-count.</summary>
    Task InsertAsync(IReadOnlyList<UsageRecord> records, CancellationToken cancellationToken);

    /// <summary>Reads records in a time range, newest first, optionally for one user.</summary>
    Task<IReadOnlyList<UsageRecord>> QueryAsync(DateTimeOffset from, DateTimeOffset to, string? userId, int limit, CancellationToken cancellationToken);

    /// <summary>Counts all stored records.</summary>
    Task<long> CountAsync(CancellationToken cancellationToken);

    /// <summary>Sums usage in the query's range, grouped: whole hours and days from the rollups, partial hours from raw records, each record once.</summary>
    Task<IReadOnlyList<UsageGroup>> AggregateAsync(UsageQuery query, UsageGrouping groupBy, CancellationToken cancellationToken);

    /// <summary>Sums usage in the query's range per hour or day, oldest first; <paramref name="utcOffset"/> sets where a day starts.</summary>
    Task<IReadOnlyList<UsageTimeBucket>> TimelineAsync(UsageQuery query, UsageInterval interval, TimeSpan utcOffset, CancellationToken cancellationToken);

    /// <summary>Computes latency and time-to-first-token percentiles per catalog model and source from raw records in the range.</summary>
    Task<IReadOnlyList<SourcePerformance>> PerformanceAsync(UsageQuery query, CancellationToken cancellationToken);

    /// <summary>Deletes raw records older than <paramref name="olderThan"/> (rounded down to the hour); the rollups, written with every record, keep them in reports.</summary>
    Task<UsagePurgeResult> RollUpAndPurgeAsync(DateTimeOffset olderThan, CancellationToken cancellationToken);

    /// <summary>Stores a raised alert and returns its id.</summary>
    Task<long> InsertAlertAsync(AlertRecord alert, CancellationToken cancellationToken);

    /// <summary>Lists alerts raised at or after <paramref name="since"/>, newest first.</summary>
    Task<IReadOnlyList<AlertRecord>> ListAlertsAsync(DateTimeOffset since, int limit, CancellationToken cancellationToken);

    /// <summary>Marks an alert delivered to the webhook.</summary>
    Task MarkAlertDeliveredAsync(long id, DateTimeOffset deliveredAt, CancellationToken cancellationToken);
}
