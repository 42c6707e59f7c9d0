using Switchboard.Abstractions.Usage;

namespace Switchboard.Abstractions.Storage;

/// <summary>Lists stored usage records one by one, filtered and paged, for the admin API and its exports.</summary>
/// <remarks>Implementations are singletons and thread-safe; each call reads in its own short transaction.</remarks>
public interface IUsageRecordStore
{
    /// <summary>Reads the records matching the query, newest first, at most <see cref="UsageRecordQuery.MaxLimit"/>, with the cursor of the next page.</summary>
    Task<UsageRecordPage> ListUsageRecordsAsync(UsageRecordQuery query, CancellationToken cancellationToken);

    /// <summary>Reads one request's record by its request id, or null when it is not stored (yet).</summary>
    Task<UsageRecord?> GetUsageRecordAsync(string requestId, CancellationToken cancellationToken);
}
