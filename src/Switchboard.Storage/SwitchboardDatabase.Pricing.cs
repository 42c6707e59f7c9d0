using Switchboard.Abstractions.Pricing;
using Switchboard.Storage.Pricing;

namespace Switchboard.Storage;

/// <summary>Provider prices of platform models (<see cref="IPriceStore"/>).</summary>
public sealed partial class SwitchboardDatabase : IPriceStore
{
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
