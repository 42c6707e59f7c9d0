using Switchboard.Abstractions.Configuration;
using Switchboard.Abstractions.Storage;
using Switchboard.Abstractions.Tenancy;
using Switchboard.Storage.Internal;

namespace Switchboard.Storage.KeyQuotas;

/// <summary>Stores upstream keys' quotas and their consumption counters (<see cref="IKeyQuotaStore"/>).</summary>
internal sealed class KeyQuotaStore(Dialect dialect) : IKeyQuotaStore
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<KeyUsage>> AddKeyUsageAsync(IReadOnlyList<KeyUsage> usage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(usage);
        if (usage.Count == 0)
        {
            return [];
        }

        await using var session = await dialect.BeginAsync(readOnly: false, cancellationToken).ConfigureAwait(false);
        var totals = await KeyUsageCounters.AddAsync(session, usage, cancellationToken).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return totals;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<KeyUsage>> GetKeyUsageAsync(IReadOnlyList<(long KeyId, DateTimeOffset WindowStart)> windows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(windows);
        if (windows.Count == 0)
        {
            return [];
        }

        await using var session = await dialect.BeginAsync(readOnly: true, cancellationToken).ConfigureAwait(false);
        return await KeyUsageCounters.GetAsync(session, windows, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The quota has a negative limit or counts over the whole lifetime (<see cref="BudgetPeriod.Total"/>).</exception>
    public async Task<bool> SetKeyQuotaAsync(long keyId, KeyQuotaConfig? quota, CancellationToken cancellationToken)
    {
        if (quota is not null && (quota.Tokens < 0 || quota.Cost < 0 || quota.Period == BudgetPeriod.Total))
        {
            throw new ArgumentException("A key quota needs non-negative limits and a day, week or month period.", nameof(quota));
        }

        await using var session = await dialect.BeginAsync(readOnly: false, cancellationToken).ConfigureAwait(false);
        var rows = await session.ExecuteAsync(
            "UPDATE platform_keys SET " + KeyQuotaColumns.Assignments + " WHERE id = @id",
            cancellationToken,
            [.. KeyQuotaColumns.Parameters(dialect, quota), ("@id", keyId)]).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return rows > 0;
    }
}
