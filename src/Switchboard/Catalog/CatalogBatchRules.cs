using Switchboard.Abstractions.Configuration;
using Switchboard.Core.Errors;
using Switchboard.Core.Tenancy;

namespace Switchboard.Catalog;

/// <summary>Checks a batch change before anything is read or written, and applies it to one model.</summary>
internal static class CatalogBatchRules
{
    /// <summary>The longest response-cache lifetime a model may opt in with: a year, as in the platforms file.</summary>
    public const int MaxCacheTtlSeconds = 366 * 86400;

    /// <summary>Returns the batch with ids trimmed and de-duplicated and tags and tier in lower case, or the first problem as a 400.</summary>
    public static (CatalogBatch? Batch, GatewayError? Error) Validate(CatalogBatch batch, int maxIds, int maxTags, int maxNameLength, decimal maxPrice)
    {
        if (batch.Ids.Count == 0)
        {
            return Fail("ids", "'ids' must list at least one catalog model id.", "missing_field");
        }

        if (batch.Ids.Count > maxIds || batch.Ids.Any(id => string.IsNullOrWhiteSpace(id) || id.Length > maxNameLength))
        {
            return Fail("ids", $"'ids' must be at most {maxIds} non-empty ids of at most {maxNameLength} characters.");
        }

        var ids = batch.Ids.Select(id => id.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        var nothing = batch is
            {
                Active: null, Featured: null, UserInputPricePerMillion: null, UserOutputPricePerMillion: null, UserCachedInputPricePerMillion: null,
                UserCacheWritePricePerMillion: null, TierRequired: null, Capabilities: null, DisplayName: null, CustomName: null, CacheTtlSeconds: null,
            }
            && batch.AddTags.Count == 0 && batch.RemoveTags.Count == 0;
        if (nothing)
        {
            return Fail(null, "The batch changes nothing: set active, featured, a price, tags, tier_required, capabilities or a name.", "empty_batch");
        }

        foreach (var (name, price) in new[]
        {
            ("user_input_price", batch.UserInputPricePerMillion),
            ("user_output_price", batch.UserOutputPricePerMillion),
            ("user_cached_input_price", batch.UserCachedInputPricePerMillion?.Value),
            ("user_cache_write_price", batch.UserCacheWritePricePerMillion?.Value),
        })
        {
            if (price is { } value && (value < 0 || value > maxPrice))
            {
                return Fail(name, $"'{name}' must be between 0 and {maxPrice}.");
            }
        }

        if (batch.CacheTtlSeconds?.Value is < 1 or > MaxCacheTtlSeconds)
        {
            return Fail("cache_ttl_seconds", $"'cache_ttl_seconds' must be between 1 and {MaxCacheTtlSeconds}, or null to turn the model's response cache off.");
        }

        var (addTags, addError) = Names(batch.AddTags, "add_tags", maxTags);
        var (removeTags, removeError) = Names(batch.RemoveTags, "remove_tags", maxTags);
        var (capabilities, capabilityError) = batch.Capabilities is null ? (null, null) : Names(batch.Capabilities, "capabilities", maxTags);
        if ((addError ?? removeError ?? capabilityError) is { } listError)
        {
            return (null, listError);
        }

        var tier = batch.TierRequired;
        if (tier?.Value is { } tierName)
        {
            tierName = tierName.Trim().ToLowerInvariant();
            if (!UsageSlots.IsValidKey(tierName))
            {
                return Fail("tier_required", "'tier_required' must be 1-64 letters, digits, '-', '_' or '.', or null for every tier.");
            }

            tier = new CatalogChange<string?>(tierName);
        }

        if ((batch.DisplayName is not null || batch.CustomName is not null) && ids.Length > 1)
        {
            return Fail(batch.DisplayName is not null ? "display_name" : "custom_name", "Names can only be set on one model at a time.");
        }

        foreach (var (name, change) in new[] { ("display_name", batch.DisplayName), ("custom_name", batch.CustomName) })
        {
            if (change?.Value is { } text && (string.IsNullOrWhiteSpace(text) || text.Length > maxNameLength))
            {
                return Fail(name, $"'{name}' must be 1-{maxNameLength} characters, or null to clear it.");
            }
        }

        return (batch with
        {
            Ids = ids,
            AddTags = addTags!,
            RemoveTags = removeTags!,
            Capabilities = capabilities,
            TierRequired = tier,
            DisplayName = Trimmed(batch.DisplayName),
            CustomName = Trimmed(batch.CustomName),
        }, null);
    }

    /// <summary>Returns the model with the batch's changes applied.</summary>
    public static CatalogModelConfig Apply(CatalogModelConfig model, CatalogBatch batch)
    {
        var tags = model.Tags.Concat(batch.AddTags).Distinct(StringComparer.OrdinalIgnoreCase)
            .Where(t => !batch.RemoveTags.Contains(t, StringComparer.OrdinalIgnoreCase))
            .ToArray();
        return model with
        {
            Active = batch.Active ?? model.Active,
            Featured = batch.Featured ?? model.Featured,
            UserInputPricePerMillion = batch.UserInputPricePerMillion ?? model.UserInputPricePerMillion,
            UserOutputPricePerMillion = batch.UserOutputPricePerMillion ?? model.UserOutputPricePerMillion,
            UserCachedInputPricePerMillion = batch.UserCachedInputPricePerMillion is { } cached ? cached.Value : model.UserCachedInputPricePerMillion,
            UserCacheWritePricePerMillion = batch.UserCacheWritePricePerMillion is { } write ? write.Value : model.UserCacheWritePricePerMillion,
            Tags = tags,
            TierRequired = batch.TierRequired is { } tier ? tier.Value : model.TierRequired,
            Capabilities = batch.Capabilities ?? model.Capabilities,
            DisplayName = batch.DisplayName is { } display ? display.Value : model.DisplayName,
            CustomName = batch.CustomName is { } custom ? custom.Value : model.CustomName,
            CacheTtlSeconds = batch.CacheTtlSeconds is { } cache ? cache.Value : model.CacheTtlSeconds,
        };
    }

    private static (string[]? Names, GatewayError? Error) Names(IReadOnlyList<string> names, string field, int max)
    {
        var normalized = names.Select(n => n?.Trim().ToLowerInvariant() ?? string.Empty).Distinct(StringComparer.Ordinal).ToArray();
        if (normalized.Length > max || normalized.Any(n => n.Length > 32 || !UsageSlots.IsValidKey(n)))
        {
            return (null, GatewayErrors.InvalidRequest(
                $"'{field}' must be at most {max} names of 1-32 letters, digits, '-', '_' or '.'.", field, "invalid_value"));
        }

        return (normalized, null);
    }

    private static CatalogChange<string?>? Trimmed(CatalogChange<string?>? change) =>
        change?.Value is { } text ? new CatalogChange<string?>(text.Trim()) : change;

    private static (CatalogBatch? Batch, GatewayError? Error) Fail(string? param, string message, string code = "invalid_value") =>
        (null, GatewayErrors.InvalidRequest(message, param, code));
}
