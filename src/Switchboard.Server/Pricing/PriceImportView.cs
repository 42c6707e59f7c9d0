using System.Text.Json.Serialization;
using Switchboard.Core.Pricing;
using Switchboard.Pricing;

namespace Switchboard.Server.Pricing;

/// <summary>The answer of a price import: what changed (or would change), what was already current and what the list does not price.</summary>
internal sealed record PriceImportView(
    [property: JsonPropertyName("dry_run")] bool DryRun,
    [property: JsonPropertyName("updated")] int Updated,
    [property: JsonPropertyName("unchanged")] int Unchanged,
    [property: JsonPropertyName("entries")] int Entries,
    [property: JsonPropertyName("changes")] IReadOnlyList<PriceChangeView> Changes,
    [property: JsonPropertyName("unmatched")] IReadOnlyList<UnmatchedModelView> Unmatched,
    [property: JsonPropertyName("notes")] IReadOnlyList<string> Notes)
{
    public static PriceImportView From(PriceImportResult result) => new(
        result.DryRun,
        result.Applied,
        result.Plan.Unchanged,
        result.Plan.Entries,
        [.. result.Plan.Changes.Select(PriceChangeView.From)],
        [.. result.Plan.Unmatched.Select(u => new UnmatchedModelView(u.Platform, u.Model, u.UpstreamModel))],
        result.Plan.Notes);
}

/// <summary>One model's prices before and after an import.</summary>
internal sealed record PriceChangeView(
    [property: JsonPropertyName("platform")] string Platform,
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("upstream_model")] string UpstreamModel,
    [property: JsonPropertyName("price_key")] string PriceKey,
    [property: JsonPropertyName("old")] ModelPricesView Old,
    [property: JsonPropertyName("new")] ModelPricesView New)
{
    public static PriceChangeView From(PriceChange change) =>
        new(change.Platform, change.Model, change.UpstreamModel, change.PriceKey, ModelPricesView.From(change.Old), ModelPricesView.From(change.New));
}

/// <summary>A model's provider prices per 1M tokens and context window.</summary>
internal sealed record ModelPricesView(
    [property: JsonPropertyName("input_price_per_million")] decimal InputPricePerMillion,
    [property: JsonPropertyName("output_price_per_million")] decimal OutputPricePerMillion,
    [property: JsonPropertyName("cached_input_price_per_million")] decimal? CachedInputPricePerMillion,
    [property: JsonPropertyName("cache_write_price_per_million")] decimal? CacheWritePricePerMillion,
    [property: JsonPropertyName("cache_write_1h_price_per_million")] decimal? CacheWrite1HourPricePerMillion,
    [property: JsonPropertyName("context_window")] int? ContextWindow)
{
    public static ModelPricesView From(ModelPrices prices) =>
        new(prices.InputPerMillion, prices.OutputPerMillion, prices.CachedInputPerMillion, prices.CacheWritePerMillion, prices.CacheWrite1HourPerMillion, prices.ContextWindow);
}

/// <summary>A platform model the price list has no usable entry for.</summary>
internal sealed record UnmatchedModelView(
    [property: JsonPropertyName("platform")] string Platform,
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("upstream_model")] string UpstreamModel);
