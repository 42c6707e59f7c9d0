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
}
