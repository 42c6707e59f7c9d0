using Switchboard.Abstractions.RoutingLog;
using Switchboard.Abstractions.Storage;
using Switchboard.Storage.Internal;

namespace Switchboard.Storage.RoutingLog;

/// <summary>Stores, queries and purges the routing log (<see cref="IRoutingLogStore"/>).</summary>
internal sealed class RoutingLogStore(Dialect dialect) : IRoutingLogStore
{
    /// <inheritdoc />
    public async Task InsertRoutingLogAsync(IReadOnlyList<RoutingLogRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0)
        {
            return;
        }

        await using var session = await dialect.BeginAsync(readOnly: false, cancellationToken).ConfigureAwait(false);
        await RoutingLogTable.InsertAsync(session, records, cancellationToken).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>The time range is half-open: <see cref="RoutingLogQuery.Since"/> ≤ start &lt; <see cref="RoutingLogQuery.Until"/>.</remarks>
    public async Task<IReadOnlyList<RoutingLogRecord>> QueryRoutingLogAsync(RoutingLogQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var session = await dialect.BeginAsync(readOnly: true, cancellationToken).ConfigureAwait(false);
        return await RoutingLogTable.QueryAsync(session, query, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<RoutingLogRecord?> GetRoutingLogAsync(string requestId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(requestId);
        var found = await QueryRoutingLogAsync(new RoutingLogQuery { RequestId = requestId, Limit = 1 }, cancellationToken).ConfigureAwait(false);
        return found.Count == 0 ? null : found[0];
    }

    /// <inheritdoc />
    public async Task<int> PurgeRoutingLogAsync(DateTimeOffset olderThan, CancellationToken cancellationToken)
    {
        await using var session = await dialect.BeginAsync(readOnly: false, cancellationToken).ConfigureAwait(false);
        var purged = await RoutingLogTable.PurgeAsync(session, olderThan, cancellationToken).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return purged;
    }
}
