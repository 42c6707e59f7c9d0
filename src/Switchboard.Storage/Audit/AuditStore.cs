using Switchboard.Abstractions.Audit;
using Switchboard.Abstractions.Storage;
using Switchboard.Storage.Internal;

namespace Switchboard.Storage.Audit;

/// <summary>Stores, queries and purges the audit log of configuration changes (<see cref="IAuditStore"/>).</summary>
internal sealed class AuditStore(Dialect dialect) : IAuditStore
{
    /// <inheritdoc />
    public async Task InsertAuditAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var entry in entries)
        {
            ArgumentNullException.ThrowIfNull(entry, nameof(entries));
            ArgumentException.ThrowIfNullOrEmpty(entry.Actor, nameof(entries));
            ArgumentException.ThrowIfNullOrEmpty(entry.Action, nameof(entries));
        }

        if (entries.Count == 0)
        {
            return;
        }

        // One entry (most changes) is one statement: one round trip where the commit would be a second.
        await using var session = entries.Count == 1
            ? await dialect.BeginOneCommandAsync(readOnly: false, cancellationToken).ConfigureAwait(false)
            : await dialect.BeginAsync(readOnly: false, cancellationToken).ConfigureAwait(false);
        foreach (var entry in entries)
        {
            await AuditTable.InsertAsync(session, entry, cancellationToken).ConfigureAwait(false);
        }

        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>The time range is half-open: <see cref="AuditQuery.Since"/> ≤ time &lt; <see cref="AuditQuery.Until"/>.</remarks>
    public async Task<IReadOnlyList<AuditEntry>> QueryAuditAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var session = await dialect.BeginAsync(readOnly: true, cancellationToken).ConfigureAwait(false);
        return await AuditTable.QueryAsync(session, query, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<int> PurgeAuditAsync(DateTimeOffset olderThan, CancellationToken cancellationToken)
    {
        await using var session = await dialect.BeginAsync(readOnly: false, cancellationToken).ConfigureAwait(false);
        var purged = await AuditTable.PurgeAsync(session, olderThan, cancellationToken).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return purged;
    }
}
