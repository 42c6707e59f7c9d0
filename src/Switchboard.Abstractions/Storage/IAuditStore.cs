using Switchboard.Abstractions.Audit;

namespace Switchboard.Abstractions.Storage;

/// <summary>Persists the audit log of configuration changes, queryable by the admin API and purged after its retention.</summary>
public interface IAuditStore
{
    /// <summary>Stores entries in one transaction, in order; <see cref="AuditEntry.Id"/> is ignored (storage assigns growing ids).</summary>
    Task InsertAuditAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken);

    /// <summary>Reads entries matching the query, newest first, at most <see cref="AuditQuery.MaxLimit"/>.</summary>
    Task<IReadOnlyList<AuditEntry>> QueryAuditAsync(AuditQuery query, CancellationToken cancellationToken);

    /// <summary>Deletes entries recorded before <paramref name="olderThan"/>; returns how many went.</summary>
    Task<int> PurgeAuditAsync(DateTimeOffset olderThan, CancellationToken cancellationToken);
}
