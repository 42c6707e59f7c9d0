namespace Switchboard.Core.Pricing;

/// <summary>Describes how an import changes (or would change) one platform model's prices.</summary>
/// <param name="ModelId">The platform model's storage id.</param>
/// <param name="Platform">The platform name.</param>
/// <param name="Model">The model's display name on the platform.</param>
/// <param name="UpstreamModel">The upstream model name that was matched.</param>
/// <param name="PriceKey">The price-list key that matched.</param>
/// <param name="Old">The prices before.</param>
/// <param name="New">The prices after.</param>
public sealed record PriceChange(long ModelId, string Platform, string Model, string UpstreamModel, string PriceKey, ModelPrices Old, ModelPrices New);
