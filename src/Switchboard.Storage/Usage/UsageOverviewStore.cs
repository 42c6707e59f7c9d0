using Switchboard.Abstractions.Storage;
using Switchboard.Abstractions.Usage;
using Switchboard.Storage.Internal;

namespace Switchboard.Storage.Usage;

/// <summary>The usage overview, summed and ranked in SQL (<see cref="IUsageOverviewStore"/>).</summary>
/// <remarks>Thread-safe; every call opens its own pooled connection and transaction on the database's shared dialect.</remarks>
internal sealed class UsageOverviewStore(Dialect dialect) : IUsageOverviewStore
{
    private readonly Dialect _dialect = dialect;

    /// <inheritdoc />
    /// <remarks>The range is half-open. Throws <see cref="ArgumentOutOfRangeException"/> for an empty range, a bucket under a minute, more than <see cref="UsageOverviewQuery.MaxBuckets"/> buckets or a top count outside 1-<see cref="UsageOverviewQuery.MaxTop"/>.</remarks>
    public async Task<UsageOverview> OverviewAsync(UsageOverviewQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var session = await _dialect.BeginAsync(readOnly: true, cancellationToken).ConfigureAwait(false);
        return await UsageOverviewReader.ReadAsync(session, query, cancellationToken).ConfigureAwait(false);
    }
}
