using Switchboard.Console.Localization;

namespace Switchboard.Console.Pages.Overview;

/// <summary>Holds the overview page's own strings, one instance per language; <c>required</c> makes the compiler refuse a language that misses one.</summary>
public sealed record OverviewText
{
    /// <summary>Gets the strings in English.</summary>
    public static OverviewText English { get; } = new()
    {
        Errors = "Errors",
        Spend = "Spend",
        MoneyOverTime = "Revenue and provider cost over time",
        TokensOverTime = "Tokens over time",
        LatencyOverTime = "Latency over time",
        SuccessRate = "Success rate",
        UpstreamKeys = "Upstream keys",
        Recent = "recent",
        CoolingUntil = "cooling until",
        VirtualKeyId = "Virtual key id",
        None = "(none)",
        OwnUsage = "Your own usage",
    };

    /// <summary>Gets the strings in Simplified Chinese.</summary>
    public static OverviewText Chinese { get; } = new()
    {
        Errors = "错误",
        Spend = "花费",
        MoneyOverTime = "用户收入与供应商成本趋势",
        TokensOverTime = "令牌趋势",
        LatencyOverTime = "延迟趋势",
        SuccessRate = "成功率",
        UpstreamKeys = "上游密钥",
        Recent = "近期",
        CoolingUntil = "冷却至",
        VirtualKeyId = "虚拟密钥 ID",
        None = "（无）",
        OwnUsage = "你自己的用量",
    };

    /// <summary>Gets the text "Errors".</summary>
    public required string Errors { get; init; }

    /// <summary>Gets the text "Spend".</summary>
    public required string Spend { get; init; }

    /// <summary>Gets the text "Revenue and provider cost over time".</summary>
    public required string MoneyOverTime { get; init; }

    /// <summary>Gets the text "Tokens over time".</summary>
    public required string TokensOverTime { get; init; }

    /// <summary>Gets the text "Latency over time".</summary>
    public required string LatencyOverTime { get; init; }

    /// <summary>Gets the text "Success rate".</summary>
    public required string SuccessRate { get; init; }

    /// <summary>Gets the text "Upstream keys".</summary>
    public required string UpstreamKeys { get; init; }

    /// <summary>Gets the text "recent", before a key's recent success rate.</summary>
    public required string Recent { get; init; }

    /// <summary>Gets the text "cooling until".</summary>
    public required string CoolingUntil { get; init; }

    /// <summary>Gets the text "Virtual key id".</summary>
    public required string VirtualKeyId { get; init; }

    /// <summary>Gets the text "(none)", shown for a group without a value.</summary>
    public required string None { get; init; }

    /// <summary>Gets the text "Your own usage".</summary>
    public required string OwnUsage { get; init; }

    /// <summary>Returns the strings of the language the console shows.</summary>
    public static OverviewText For(UiText current) => ReferenceEquals(current, ChineseText.Value) ? Chinese : English;
}
