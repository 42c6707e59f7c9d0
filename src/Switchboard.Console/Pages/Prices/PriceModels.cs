namespace Switchboard.Console.Pages.Prices;

/// <summary>Reads the answer of <c>POST /api/admin/prices/import</c>: what changed (or would change on a dry run).</summary>
public sealed record PriceImportResult(
    bool DryRun,
    int Updated,
    int Unchanged,
    int Entries,
    IReadOnlyList<PriceChange> Changes,
    IReadOnlyList<UnmatchedModel> Unmatched,
    IReadOnlyList<string> Notes);

/// <summary>Reads one model's provider prices before and after an import.</summary>
public sealed record PriceChange(string Platform, string Model, string UpstreamModel, string PriceKey, ModelPrices Old, ModelPrices New);

/// <summary>Reads a model's provider prices per 1M tokens and its context window.</summary>
public sealed record ModelPrices(decimal InputPricePerMillion, decimal OutputPricePerMillion, decimal? CachedInputPricePerMillion, int? ContextWindow);

/// <summary>Reads a platform model the price list has no usable entry for.</summary>
public sealed record UnmatchedModel(string Platform, string Model, string UpstreamModel);
