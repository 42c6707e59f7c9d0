using Switchboard.Abstractions.RoutingLog;

namespace Switchboard.Abstractions.Storage;

/// <summary>Persists the routing log: how each request was routed, queryable by the admin API and purged after its retention.</summary>
public interface IRoutingLogStore
{
    /// <summary>Inserts a batch in one transaction; a request id that exists already is skipped.</summary>
    Task InsertRoutingLogAsync(IReadOnlyList<RoutingLogRecord> records, CancellationToken cancellationToken);

    /// <summary>Reads entries matching the query, newest first, at most <see cref="RoutingLogQuery.MaxLimit"/>.</summary>
    Task<IReadOnlyList<RoutingLogRecord>> QueryRoutingLogAsync(RoutingLogQuery query, CancellationToken cancellationToken);

    /// <summary>Reads one request's entry, or null.</summary>
    Task<RoutingLogRecord?> GetRoutingLogAsync(string requestId, CancellationToken cancellationToken);

    /// <summary>Deletes entries that started before <paramref name="olderThan"/>; returns how many went.</summary>
    Task<int> PurgeRoutingLogAsync(DateTimeOffset olderThan, CancellationToken cancellationToken);
}
