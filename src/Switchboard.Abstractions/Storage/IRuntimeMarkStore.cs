namespace Switchboard.Abstractions.Storage;

/// <summary>Shares routing's runtime marks (cooldowns, invalid keys, ejections) between replicas on one database.</summary>
/// <remarks>
/// <para>One row per (kind, subject, model): a newer mark replaces the older. Every write stamps the row with the
/// database's clock, so a replica reads what changed since its last read with one indexed query, whatever the
/// replicas' own clocks say.</para>
/// <para>Implementations are singletons and thread-safe; nothing here runs on the request path.</para>
/// </remarks>
public interface IRuntimeMarkStore
{
    /// <summary>Writes the marks, each replacing the stored mark of its kind, subject and model, in one transaction.</summary>
    Task WriteAsync(IReadOnlyList<RuntimeMark> marks, CancellationToken cancellationToken);

    /// <summary>Reads the marks written after <paramref name="since"/> (all marks when null), oldest change first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<RuntimeMark>> ReadChangedAsync(DateTimeOffset? since, int limit, CancellationToken cancellationToken);

    /// <summary>Deletes marks that ended before <paramref name="before"/>, and invalid-key marks whose key no longer exists; returns how many went.</summary>
    Task<int> DeleteExpiredAsync(DateTimeOffset before, CancellationToken cancellationToken);
}
