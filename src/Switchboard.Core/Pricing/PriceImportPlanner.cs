using Switchboard.Abstractions.Configuration;
using Switchboard.Abstractions.Pricing;

namespace Switchboard.Core.Pricing;

/// <summary>Decides, without writing anything, what a price list changes in the system platforms' models.</summary>
/// <remarks>
/// Only prices the list states are taken: a missing output, cache-read or cache-write price keeps the model's own. The context
/// window is filled only where the model has none, since an operator's value is more specific than a public list.
/// Users' private platforms are left to their owners.
/// </remarks>
public static class PriceImportPlanner
{
    /// <summary>Plans the import of <paramref name="prices"/> into the system platforms of <paramref name="configuration"/>.</summary>
    public static PriceImportPlan Plan(ConfigurationData configuration, PriceList prices, IPriceListProviderNames providerNames)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(prices);
        ArgumentNullException.ThrowIfNull(providerNames);
        var platforms = configuration.Platforms.Where(p => p.OwnerUserId == SystemUser.Id).ToDictionary(p => p.Id);
        var changes = new List<PriceChange>();
        var unmatched = new List<UnmatchedModel>();
        var unchanged = 0;
        foreach (var model in configuration.Models)
        {
            if (!platforms.TryGetValue(model.PlatformId, out var platform))
            {
                continue;
            }

            var entry = PriceMatcher.Match(prices, model.UpstreamModel, model.Type, providerNames.For(platform.Kind, platform.Preset));
            if (entry is null)
            {
                unmatched.Add(new UnmatchedModel(platform.Name, model.DisplayName, model.UpstreamModel));
                continue;
            }

            var old = ModelPrices.Of(model);
            var updated = Apply(old, entry);
            if (updated == old)
            {
                unchanged++;
                continue;
            }

            changes.Add(new PriceChange(model.Id, platform.Name, model.DisplayName, model.UpstreamModel, entry.Key, old, updated));
        }

        return new PriceImportPlan(changes, unchanged, unmatched, prices.Count, prices.Notes);
    }

    /// <summary>Applies an entry's prices to a model's current ones.</summary>
    public static ModelPrices Apply(ModelPrices current, PriceListEntry entry)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(entry);
        return new ModelPrices(
            entry.InputCostPerToken is { } input ? PriceListEntry.PerMillion(input) : current.InputPerMillion,
            entry.OutputCostPerToken is { } output ? PriceListEntry.PerMillion(output) : current.OutputPerMillion,
            entry.CachedInputCostPerToken is { } cached ? PriceListEntry.PerMillion(cached) : current.CachedInputPerMillion,
            entry.CacheWriteCostPerToken is { } write ? PriceListEntry.PerMillion(write) : current.CacheWritePerMillion,
            entry.CacheWrite1HourCostPerToken is { } write1Hour ? PriceListEntry.PerMillion(write1Hour) : current.CacheWrite1HourPerMillion,
            current.ContextWindow ?? entry.ContextWindow);
    }
}
