namespace Switchboard.Console.Pages.Accounts;

/// <summary>Reads one usage slot as it resolves now (the classic selection shape); the classic GET also lists every slot in <see cref="UsageSelections"/>.</summary>
public sealed record SlotItem(
    string UsageKey,
    string UsageLabel,
    string Model,
    string? Platform,
    long? PlatformId,
    bool PlatformIsSys,
    string? BaseUrl,
    string ModelDisplayName,
    long? ModelId,
    string? ModelName,
    bool ApiKeySet,
    string? Error,
    IReadOnlyList<SlotItem>? UsageSelections);
