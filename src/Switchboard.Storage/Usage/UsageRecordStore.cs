using Switchboard.Abstractions.Storage;
using Switchboard.Abstractions.Usage;
using Switchboard.Storage.Internal;

namespace Switchboard.Storage.Usage;

/// <summary>Usage records listed one by one (<see cref="IUsageRecordStore"/>).</summary>
/// <remarks>Thread-safe; every call opens its own pooled connection and transaction on the database's shared dialect.</remarks>
internal sealed class UsageRecordStore(Dialect dialect) : IUsageRecordStore
{
    private readonly Dialect _dialect = dialect;

    /// <inheritdoc />
    /// <remarks>The time range is half-open: <see cref="UsageRecordQuery.Since"/> ≤ timestamp &lt; <see cref="UsageRecordQuery.Until"/>.</remarks>
    public async Task<UsageRecordPage> ListUsageRecordsAsync(UsageRecordQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var session = await _dialect.BeginAsync(readOnly: true, cancellationToken).ConfigureAwait(false);
        return await UsageRecordLister.ListAsync(session, query, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<UsageRecord?> GetUsageRecordAsync(string requestId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(requestId);
        await using var session = await _dialect.BeginAsync(readOnly: true, cancellationToken).ConfigureAwait(false);
        return await UsageRecordLister.GetAsync(session, requestId, cancellationToken).ConfigureAwait(false);
    }
}
