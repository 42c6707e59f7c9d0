using Switchboard.Abstractions.Storage;
using Switchboard.Abstractions.Usage;
using Switchboard.Storage.Internal;

namespace Switchboard.Storage.Usage;

/// <summary>Reads the usage overview, summed and ranked in SQL (<see cref="IUsageOverviewStore"/>).</summary>
internal sealed class UsageOverviewStore(Dialect dialect) : IUsageOverviewStore
{
    /// <inheritdoc />
    /// <remarks>The range is half-open. Throws <see cref="ArgumentOutOfRangeException"/> for an empty range, a bucket under a minute, more than <see cref="UsageOverviewQuery.MaxBuckets"/> buckets or a top count outside 1-<see cref="UsageOverviewQuery.MaxTop"/>.</remarks>
    public async Task<UsageOverview> OverviewAsync(UsageOverviewQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var session = await dialect.BeginAsync(readOnly: true, cancellationToken).ConfigureAwait(false);
        return await UsageOverviewReader.ReadAsync(session, query, cancellationToken).ConfigureAwait(false);
    }
}
