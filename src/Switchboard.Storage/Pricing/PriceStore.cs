using Switchboard.Abstractions.Pricing;
using Switchboard.Storage.Internal;

namespace Switchboard.Storage.Pricing;

/// <summary>Provider prices of platform models (<see cref="IPriceStore"/>).</summary>
/// <remarks>Thread-safe; every call opens its own pooled connection and transaction on the database's shared dialect.</remarks>
internal sealed class PriceStore(Dialect dialect) : IPriceStore
{
    private readonly Dialect _dialect = dialect;

    /// <inheritdoc />
    public async Task<int> UpdatePlatformModelPricesAsync(IReadOnlyList<PlatformModelPriceUpdate> updates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(updates);
        if (updates.Count == 0)
        {
            return 0;
        }

        await using var session = await _dialect.BeginAsync(readOnly: false, cancellationToken).ConfigureAwait(false);
        var rows = await PriceWriter.UpdateAsync(session, updates, cancellationToken).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return rows;
    }
}
