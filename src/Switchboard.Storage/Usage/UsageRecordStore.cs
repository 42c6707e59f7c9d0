using Switchboard.Abstractions.Storage;
using Switchboard.Abstractions.Usage;
using Switchboard.Storage.Internal;

namespace Switchboard.Storage.Usage;

/// <summary>Lists usage records one by one, filtered and paged (<see cref="IUsageRecordStore"/>).</summary>
internal sealed class UsageRecordStore(Dialect dialect) : IUsageRecordStore
{
    /// <inheritdoc />
    /// <remarks>The time range is half-open: <see cref="UsageRecordQuery.Since"/> ≤ timestamp &lt; <see cref="UsageRecordQuery.Until"/>.</remarks>
    public async Task<UsageRecordPage> ListUsageRecordsAsync(UsageRecordQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var session = await dialect.BeginAsync(readOnly: true, cancellationToken).ConfigureAwait(false);
        return await UsageRecordLister.ListAsync(session, query, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<UsageRecord?> GetUsageRecordAsync(string requestId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(requestId);
        await using var session = await dialect.BeginAsync(readOnly: true, cancellationToken).ConfigureAwait(false);
        return await UsageRecordLister.GetAsync(session, requestId, cancellationToken).ConfigureAwait(false);
    }
}
