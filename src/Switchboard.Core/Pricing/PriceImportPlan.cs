using Switchboard.Abstractions.Pricing;

namespace Switchboard.Core.Pricing;

/// <summary>Holds what a price import changes: models whose prices move, models already up to date, and models the list does not price.</summary>
/// <param name="Changes">The models whose prices or context window change.</param>
/// <param name="Unchanged">The number of matched models whose values are already those of the list.</param>
/// <param name="Unmatched">The models with no usable entry.</param>
/// <param name="Entries">The number of entries in the price list.</param>
/// <param name="Notes">What was skipped while reading the list.</param>
public sealed record PriceImportPlan(
    IReadOnlyList<PriceChange> Changes,
    int Unchanged,
    IReadOnlyList<UnmatchedModel> Unmatched,
    int Entries,
    IReadOnlyList<string> Notes)
{
    /// <summary>Gets the store updates that carry out the changes.</summary>
    public IReadOnlyList<PlatformModelPriceUpdate> Updates =>
        [.. Changes.Select(c => new PlatformModelPriceUpdate(
            c.ModelId, c.New.InputPerMillion, c.New.OutputPerMillion, c.New.CachedInputPerMillion, c.New.CacheWritePerMillion, c.New.CacheWrite1HourPerMillion, c.New.ContextWindow))];
}
