namespace Switchboard.Abstractions.Pricing;

/// <summary>Writes provider prices of platform models, as a price import decides them.</summary>
/// <remarks>Implementations are singletons and thread-safe. Only price and context-window columns change; keys, names and routing stay as they are.</remarks>
public interface IPriceStore
{
    /// <summary>Sets the prices and context windows of the given platform models in one transaction; returns how many rows changed (absent ids are skipped).</summary>
    Task<int> UpdatePlatformModelPricesAsync(IReadOnlyList<PlatformModelPriceUpdate> updates, CancellationToken cancellationToken);
}
