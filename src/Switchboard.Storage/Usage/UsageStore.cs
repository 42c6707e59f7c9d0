using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Switchboard.Abstractions.Storage;
using Switchboard.Abstractions.Usage;
using Switchboard.Storage.Internal;

namespace Switchboard.Storage.Usage;

/// <summary>Stores usage records with their hourly and daily rollups, sums them, purges expired raw records and keeps alerts (<see cref="IUsageStore"/>).</summary>
internal sealed class UsageStore(Dialect dialect, ILogger logger) : IUsageStore
{
    /// <inheritdoc />
    public async Task InsertAsync(IReadOnlyList<UsageRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0)
        {
            return;
        }

        var started = Stopwatch.GetTimestamp();
        await using var session = await dialect.BeginAsync(readOnly: false, cancellationToken).ConfigureAwait(false);
        var inserted = await dialect.InsertUsageAsync(session, records, cancellationToken).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        if (logger.IsEnabled(LogLevel.Debug))
        {
            var elapsedMs = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            logger.UsageBatchSaved(records.Count, inserted, records.Count - inserted, elapsedMs);
        }
    }

    /// <inheritdoc />
    /// <remarks>The range is half-open: <paramref name="from"/> ≤ timestamp &lt; <paramref name="to"/>.</remarks>
    public async Task<IReadOnlyList<UsageRecord>> QueryAsync(
        DateTimeOffset from, DateTimeOffset to, string? userId, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var session = await dialect.BeginAsync(readOnly: true, cancellationToken).ConfigureAwait(false);
        return await UsageReader.QueryAsync(session, from, to, userId, limit, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        await using var session = await dialect.BeginAsync(readOnly: true, cancellationToken).ConfigureAwait(false);
        return await UsageReader.CountAsync(session, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<UsageGroup>> AggregateAsync(UsageQuery query, UsageGrouping groupBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var session = await dialect.BeginAsync(readOnly: true, cancellationToken).ConfigureAwait(false);
        return await UsageAggregator.AggregateAsync(session, query, groupBy, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<UsageTimeBucket>> TimelineAsync(UsageQuery query, UsageInterval interval, TimeSpan utcOffset, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var session = await dialect.BeginAsync(readOnly: true, cancellationToken).ConfigureAwait(false);
        return await UsageAggregator.TimelineAsync(session, query, interval, utcOffset, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<SourcePerformance>> PerformanceAsync(UsageQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var session = await dialect.BeginAsync(readOnly: true, cancellationToken).ConfigureAwait(false);
        return await UsagePerformanceReader.ReadAsync(session, query, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Deletes one day of raw records per transaction, so a first purge of a large table never holds one huge
    /// transaction. The rollups already hold these records (they are written with them), so nothing is moved.
    /// </remarks>
    public async Task<UsagePurgeResult> RollUpAndPurgeAsync(DateTimeOffset olderThan, CancellationToken cancellationToken)
    {
        var cutoff = UsageRollup.FloorHour(olderThan);
        long records = 0;
        while (true)
        {
            await using var session = await dialect.BeginAsync(readOnly: false, cancellationToken).ConfigureAwait(false);
            await dialect.LockAsync(session, AdvisoryLocks.UsageRollup, cancellationToken).ConfigureAwait(false);
            if (await UsageRollup.OldestRawHourAsync(session, cancellationToken).ConfigureAwait(false) is not { } from || from >= cutoff)
            {
                await session.CommitAsync(cancellationToken).ConfigureAwait(false);
                break;
            }

            var to = from.AddDays(1) < cutoff ? from.AddDays(1) : cutoff;
            records += await session.ExecuteAsync(
                "DELETE FROM usage_records WHERE timestamp >= @from AND timestamp < @to",
                cancellationToken,
                ("@from", dialect.Time(from)),
                ("@to", dialect.Time(to))).ConfigureAwait(false);
            await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        return new UsagePurgeResult(records, 0, cutoff);
    }

    /// <inheritdoc />
    public async Task<long> InsertAlertAsync(AlertRecord alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        await using var session = await dialect.BeginAsync(readOnly: false, cancellationToken).ConfigureAwait(false);
        var id = await AlertTable.InsertAsync(session, alert, cancellationToken).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return id;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AlertRecord>> ListAlertsAsync(DateTimeOffset since, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var session = await dialect.BeginAsync(readOnly: true, cancellationToken).ConfigureAwait(false);
        return await AlertTable.ListAsync(session, since, limit, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task MarkAlertDeliveredAsync(long id, DateTimeOffset deliveredAt, CancellationToken cancellationToken)
    {
        await using var session = await dialect.BeginAsync(readOnly: false, cancellationToken).ConfigureAwait(false);
        await AlertTable.MarkDeliveredAsync(session, id, deliveredAt, cancellationToken).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}
