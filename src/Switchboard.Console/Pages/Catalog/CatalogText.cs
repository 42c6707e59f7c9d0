using Switchboard.Console.Localization;

namespace Switchboard.Console.Pages.Catalog;

/// <summary>Holds the strings of the catalog page, one instance per language; <c>required</c> makes the compiler refuse a language that misses one.</summary>
public sealed record CatalogText
{
    /// <summary>Gets the strings in English.</summary>
    public static CatalogText English { get; } = new()
    {
        Filters = "Filters",
        Search = "Search (id or name)",
        Tag = "Tag",
        Tier = "Tier",
        ActiveFilter = "Active or not",
        Any = "Any",
        Active = "Active",
        Inactive = "Inactive",
        ApplyFilters = "Filter",
        ModelCount = "{0} models",
        SelectAll = "Select every model shown",
        Select = "Select",
        Sources = "Sources",
        Tags = "Tags",
        UserPrice = "User price (per 1M)",
        Health = "Health",
        Featured = "Featured",
        Yes = "yes",
        No = "no",
        BatchTitle = "Change {0} selected models",
        NoChange = "No change",
        UserInputPrice = "User input price (per 1M)",
        UserOutputPrice = "User output price (per 1M)",
        AddTags = "Add tags (comma-separated)",
        RemoveTags = "Remove tags (comma-separated)",
        SetTier = "Required tier",
        ClearTier = "Clear the tier",
        ApplyChanges = "Apply to selected",
        InvalidPrice = "A price must be a number of dollars per 1M tokens, such as 0.5.",
        NothingToChange = "Choose at least one change.",
        BatchApplied = "Changed {0} models.",
        SyncTitle = "Sync with the platforms",
        SyncHint = "Asks each enabled system platform for its model list and shows what differs; nothing changes until you apply.",
        SyncPreview = "Show the differences",
        SyncApply = "Apply {0} chosen changes",
        SyncSummary = "{0} added, {1} missing, {2} unchanged, {3} platforms unreadable",
        Apply = "Apply",
        Change = "Change",
        Detail = "Detail",
        Added = "added",
        Missing = "missing",
        MissingMeans = "No longer served: applying disables it (never deletes).",
        Conflict = "conflict",
        SyncApplied = "Added {0} models, disabled {1}, skipped {2}.",
        ProviderCost = "Provider cost (in / out per 1M)",
    };

    /// <summary>Gets the strings in Simplified Chinese (简体中文).</summary>
    public static CatalogText Chinese { get; } = new()
    {
        Filters = "筛选",
        Search = "搜索（ID 或名称）",
        Tag = "标签",
        Tier = "等级",
        ActiveFilter = "是否启用",
        Any = "全部",
        Active = "启用",
        Inactive = "停用",
        ApplyFilters = "筛选",
        ModelCount = "共 {0} 个模型",
        SelectAll = "选择显示的全部模型",
        Select = "选择",
        Sources = "来源",
        Tags = "标签",
        UserPrice = "用户价格（每百万令牌）",
        Health = "健康状况",
        Featured = "推荐",
        Yes = "是",
        No = "否",
        BatchTitle = "修改选中的 {0} 个模型",
        NoChange = "不修改",
        UserInputPrice = "用户输入价格（每百万令牌）",
        UserOutputPrice = "用户输出价格（每百万令牌）",
        AddTags = "添加标签（逗号分隔）",
        RemoveTags = "移除标签（逗号分隔）",
        SetTier = "所需等级",
        ClearTier = "清除等级",
        ApplyChanges = "应用到所选模型",
        InvalidPrice = "价格必须是每百万令牌的美元金额，例如 0.5。",
        NothingToChange = "请至少选择一项修改。",
        BatchApplied = "已修改 {0} 个模型。",
        SyncTitle = "与平台同步",
        SyncHint = "向每个已启用的系统平台查询模型列表并显示差异；应用之前不会做任何更改。",
        SyncPreview = "显示差异",
        SyncApply = "应用选中的 {0} 项更改",
        SyncSummary = "新增 {0}，缺失 {1}，未变 {2}，无法读取的平台 {3}",
        Apply = "应用",
        Change = "变化",
        Detail = "详情",
        Added = "新增",
        Missing = "缺失",
        MissingMeans = "平台已不再提供：应用后停用（不会删除）。",
        Conflict = "冲突",
        SyncApplied = "已新增 {0} 个模型，停用 {1} 个，跳过 {2} 个。",
        ProviderCost = "供应商成本（输入 / 输出，每百万令牌）",
    };

    /// <summary>Gets the text "Filters".</summary>
    public required string Filters { get; init; }

    /// <summary>Gets the text "Search (id or name)".</summary>
    public required string Search { get; init; }

    /// <summary>Gets the text "Tag".</summary>
    public required string Tag { get; init; }

    /// <summary>Gets the text "Tier".</summary>
    public required string Tier { get; init; }

    /// <summary>Gets the text "Active or not".</summary>
    public required string ActiveFilter { get; init; }

    /// <summary>Gets the text "Any".</summary>
    public required string Any { get; init; }

    /// <summary>Gets the text "Active".</summary>
    public required string Active { get; init; }

    /// <summary>Gets the text "Inactive".</summary>
    public required string Inactive { get; init; }

    /// <summary>Gets the text "Filter".</summary>
    public required string ApplyFilters { get; init; }

    /// <summary>Gets the text "{0} models".</summary>
    public required string ModelCount { get; init; }

    /// <summary>Gets the text "Select every model shown".</summary>
    public required string SelectAll { get; init; }

    /// <summary>Gets the text "Select".</summary>
    public required string Select { get; init; }

    /// <summary>Gets the text "Sources".</summary>
    public required string Sources { get; init; }

    /// <summary>Gets the text "Tags".</summary>
    public required string Tags { get; init; }

    /// <summary>Gets the text "User price (per 1M)".</summary>
    public required string UserPrice { get; init; }

    /// <summary>Gets the text "Health".</summary>
    public required string Health { get; init; }

    /// <summary>Gets the text "Featured".</summary>
    public required string Featured { get; init; }

    /// <summary>Gets the text "yes".</summary>
    public required string Yes { get; init; }

    /// <summary>Gets the text "no".</summary>
    public required string No { get; init; }

    /// <summary>Gets the text "Change {0} selected models".</summary>
    public required string BatchTitle { get; init; }

    /// <summary>Gets the text "No change".</summary>
    public required string NoChange { get; init; }

    /// <summary>Gets the text "User input price (per 1M)".</summary>
    public required string UserInputPrice { get; init; }

    /// <summary>Gets the text "User output price (per 1M)".</summary>
    public required string UserOutputPrice { get; init; }

    /// <summary>Gets the text "Add tags (comma-separated)".</summary>
    public required string AddTags { get; init; }

    /// <summary>Gets the text "Remove tags (comma-separated)".</summary>
    public required string RemoveTags { get; init; }

    /// <summary>Gets the text "Required tier".</summary>
    public required string SetTier { get; init; }

    /// <summary>Gets the text "Clear the tier".</summary>
    public required string ClearTier { get; init; }

    /// <summary>Gets the text "Apply to selected".</summary>
    public required string ApplyChanges { get; init; }

    /// <summary>Gets the text "A price must be a number of dollars per 1M tokens, such as 0.5.".</summary>
    public required string InvalidPrice { get; init; }

    /// <summary>Gets the text "Choose at least one change.".</summary>
    public required string NothingToChange { get; init; }

    /// <summary>Gets the text "Changed {0} models.".</summary>
    public required string BatchApplied { get; init; }

    /// <summary>Gets the text "Sync with the platforms".</summary>
    public required string SyncTitle { get; init; }

    /// <summary>Gets the text "Asks each enabled system platform for its model list and shows what differs; nothing changes until you apply.".</summary>
    public required string SyncHint { get; init; }

    /// <summary>Gets the text "Show the differences".</summary>
    public required string SyncPreview { get; init; }

    /// <summary>Gets the text "Apply {0} chosen changes".</summary>
    public required string SyncApply { get; init; }

    /// <summary>Gets the text "{0} added, {1} missing, {2} unchanged, {3} platforms unreadable".</summary>
    public required string SyncSummary { get; init; }

    /// <summary>Gets the text "Apply".</summary>
    public required string Apply { get; init; }

    /// <summary>Gets the text "Change".</summary>
    public required string Change { get; init; }

    /// <summary>Gets the text "Detail".</summary>
    public required string Detail { get; init; }

    /// <summary>Gets the text "added".</summary>
    public required string Added { get; init; }

    /// <summary>Gets the text "missing".</summary>
    public required string Missing { get; init; }

    /// <summary>Gets the text "No longer served: applying disables it (never deletes).".</summary>
    public required string MissingMeans { get; init; }

    /// <summary>Gets the text "conflict".</summary>
    public required string Conflict { get; init; }

    /// <summary>Gets the text "Added {0} models, disabled {1}, skipped {2}.".</summary>
    public required string SyncApplied { get; init; }

    /// <summary>Gets the text "Provider cost (in / out per 1M)".</summary>
    public required string ProviderCost { get; init; }

    /// <summary>Picks the strings of the language the console shows now.</summary>
    public static CatalogText For(UiText current) => ReferenceEquals(current, ChineseText.Value) ? Chinese : English;
}
