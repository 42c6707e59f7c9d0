using System.Text.Json.Nodes;
using Switchboard.Abstractions.Configuration;

namespace Switchboard.Configuration;

/// <summary>Compares the declared catalog between the database and the platforms file, as a forced reset would rewrite it.</summary>
/// <remarks>
/// A reset keeps only the file's catalog models, so a model stored through the admin API (a derived model an admin
/// changed, or one a sync added) and absent from the file reads as removed. The fields compared are the ones a reset
/// writes; an admin's custom name survives a reset and is not compared.
/// </remarks>
internal static class CatalogDriftComparer
{
    /// <summary>Returns the catalog models that differ: the file's order first, then the stored ones the file lacks.</summary>
    public static List<CatalogModelDriftView> Compare(IReadOnlyList<CatalogModelConfig> declared, IReadOnlyList<CatalogModelConfig> stored)
    {
        var byId = stored.ToDictionary(m => m.Id, StringComparer.Ordinal);
        var result = new List<CatalogModelDriftView>();
        foreach (var model in declared)
        {
            if (!byId.Remove(model.Id, out var current))
            {
                result.Add(new CatalogModelDriftView(model.Id, DriftChanges.Added, []));
                continue;
            }

            var fields = new DriftFields()
                .Add("display_name", current.DisplayName, model.DisplayName)
                .Add("type", current.Type, model.Type)
                .Add("strategy", current.Strategy, model.Strategy)
                .Add("user_input_price", current.UserInputPricePerMillion, model.UserInputPricePerMillion)
                .Add("user_output_price", current.UserOutputPricePerMillion, model.UserOutputPricePerMillion)
                .Add("user_cached_input_price", current.UserCachedInputPricePerMillion, model.UserCachedInputPricePerMillion)
                .Add("user_cache_write_price", current.UserCacheWritePricePerMillion, model.UserCacheWritePricePerMillion)
                .Add("tier_required", current.TierRequired, model.TierRequired)
                .Add("tags", current.Tags, model.Tags)
                .Add("context_window", current.ContextWindow, model.ContextWindow)
                .Add("max_output_tokens", current.MaxOutputTokens, model.MaxOutputTokens)
                .Add("active", current.Active, model.Active)
                .Add("featured", current.Featured, model.Featured)
                .Add("cache_ttl_seconds", current.CacheTtlSeconds, model.CacheTtlSeconds)
                .Add("sources", Sources(current), Sources(model))
                .Differences;
            if (fields.Count > 0)
            {
                result.Add(new CatalogModelDriftView(model.Id, DriftChanges.Changed, fields));
            }
        }

        result.AddRange(byId.Values.OrderBy(m => m.Id, StringComparer.Ordinal).Select(m => new CatalogModelDriftView(m.Id, DriftChanges.Removed, [])));
        return result;
    }

    private static JsonArray Sources(CatalogModelConfig model) =>
        [.. model.Sources.Select(s => (JsonNode)new JsonObject { ["platform"] = s.PlatformName, ["model"] = s.ModelDisplayName, ["priority"] = s.Priority, ["weight"] = s.Weight })];
}
