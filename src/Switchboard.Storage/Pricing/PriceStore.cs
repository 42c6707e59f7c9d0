using Switchboard.Abstractions.Pricing;
using Switchboard.Abstractions.Configuration;
using Switchboard.Storage.Configuration;
using Switchboard.Storage.Internal;

namespace Switchboard.Storage.Pricing;

/// <summary>Stores the provider prices of platform models (<see cref="IPriceStore"/>).</summary>
internal sealed class PriceStore(Dialect dialect) : IPriceStore
{
    /// <inheritdoc />
    public async Task<int> UpdatePlatformModelPricesAsync(IReadOnlyList<PlatformModelPriceUpdate> updates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(updates);
        if (updates.Count == 0)
        {
            return 0;
        }

        await using var session = await dialect.BeginAsync(readOnly: false, cancellationToken).ConfigureAwait(false);
        var start = await ConfigChangeLog.StartAsync(session, cancellationToken).ConfigureAwait(false);
        var rows = await PriceWriter.UpdateAsync(session, updates, cancellationToken).ConfigureAwait(false);
        await ConfigChangeLog.RecordAsync(session, start, ConfigChangeKinds.Catalog, "prices", cancellationToken).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return rows;
    }
}
