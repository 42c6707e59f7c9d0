using Switchboard.Console.Localization;

namespace Switchboard.Console.Pages.Prices;

/// <summary>Holds the strings of the prices page, one instance per language; <c>required</c> makes the compiler refuse a language that misses one.</summary>
public sealed record PricesText
{
    /// <summary>Gets the strings in English.</summary>
    public static PricesText English { get; } = new()
    {
        Hint = "Import provider prices from a LiteLLM model_prices_and_context_window.json list. A dry run shows what would change; nothing changes until you apply.",
        LoadFile = "Load a price file:",
        PriceList = "Price list (JSON)",
        DryRun = "Dry run",
        Apply = "Apply",
        Preview = "Dry run: {0} models would change, {1} are current, {2} entries read. Nothing was changed.",
        Applied = "Applied: {0} models updated, {1} already current, {2} entries read.",
        PriceKey = "Price list entry",
        OldPrice = "Now (in / out per 1M)",
        NewPrice = "After import",
        ContextWindow = "Context window",
        Unmatched = "Models the list does not price",
    };

    /// <summary>Gets the strings in Simplified Chinese (简体中文).</summary>
    public static PricesText Chinese { get; } = new()
    {
        Hint = "从 LiteLLM 的 model_prices_and_context_window.json 列表导入供应商价格。试运行会显示将发生的变化；应用之前不会做任何更改。",
        LoadFile = "加载价格文件：",
        PriceList = "价格列表（JSON）",
        DryRun = "试运行",
        Apply = "应用",
        Preview = "试运行：{0} 个模型将改变，{1} 个已是最新，读取 {2} 个条目。未做任何更改。",
        Applied = "已应用：更新 {0} 个模型，{1} 个已是最新，读取 {2} 个条目。",
        PriceKey = "价格条目",
        OldPrice = "当前（输入 / 输出，每百万令牌）",
        NewPrice = "导入后",
        ContextWindow = "上下文窗口",
        Unmatched = "列表中没有价格的模型",
    };

    /// <summary>Gets the text "Import provider prices from a LiteLLM model_prices_and_context_window.json list. A dry run shows what would change; nothing changes until you apply.".</summary>
    public required string Hint { get; init; }

    /// <summary>Gets the text "Load a price file:".</summary>
    public required string LoadFile { get; init; }

    /// <summary>Gets the text "Price list (JSON)".</summary>
    public required string PriceList { get; init; }

    /// <summary>Gets the text "Dry run".</summary>
    public required string DryRun { get; init; }

    /// <summary>Gets the text "Apply".</summary>
    public required string Apply { get; init; }

    /// <summary>Gets the text "Dry run: {0} models would change, {1} are current, {2} entries read. Nothing was changed.".</summary>
    public required string Preview { get; init; }

    /// <summary>Gets the text "Applied: {0} models updated, {1} already current, {2} entries read.".</summary>
    public required string Applied { get; init; }

    /// <summary>Gets the text "Price list entry".</summary>
    public required string PriceKey { get; init; }

    /// <summary>Gets the text "Now (in / out per 1M)".</summary>
    public required string OldPrice { get; init; }

    /// <summary>Gets the text "After import".</summary>
    public required string NewPrice { get; init; }

    /// <summary>Gets the text "Context window".</summary>
    public required string ContextWindow { get; init; }

    /// <summary>Gets the text "Models the list does not price".</summary>
    public required string Unmatched { get; init; }

    /// <summary>Picks the strings of the language the console shows now.</summary>
    public static PricesText For(UiText current) => ReferenceEquals(current, ChineseText.Value) ? Chinese : English;
}
