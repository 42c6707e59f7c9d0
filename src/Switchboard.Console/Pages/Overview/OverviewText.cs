using Switchboard.Console.Localization;

namespace Switchboard.Console.Pages.Overview;

/// <summary>Holds the overview page's own strings, one instance per language; <c>required</c> makes the compiler refuse a language that misses one.</summary>
public sealed record OverviewText
{
    /// <summary>Gets the strings in English.</summary>
    public static OverviewText English { get; } = new()
    {
        AverageLatency = "Average latency",
        Errors = "Errors",
        Spend = "Spend",
        MoneyOverTime = "Revenue and provider cost over time",
        TokensOverTime = "Tokens over time",
        PerformanceBySource = "Latency and time to first token per source",
        Source = "Source",
        KeysCooling = "Keys cooling",
        Gateway = "Gateway",
        None = "(none)",
        OwnUsage = "Your own usage",
    };

    /// <summary>Gets the strings in Simplified Chinese.</summary>
    public static OverviewText Chinese { get; } = new()
    {
        AverageLatency = "平均延迟",
        Errors = "错误",
        Spend = "花费",
        MoneyOverTime = "用户收入与供应商成本趋势",
        TokensOverTime = "令牌趋势",
        PerformanceBySource = "各来源的延迟与首令牌时间",
        Source = "来源",
        KeysCooling = "冷却中的密钥",
        Gateway = "网关",
        None = "（无）",
        OwnUsage = "你自己的用量",
    };

    /// <summary>Gets the text "Average latency".</summary>
    public required string AverageLatency { get; init; }

    /// <summary>Gets the text "Errors".</summary>
    public required string Errors { get; init; }

    /// <summary>Gets the text "Spend".</summary>
    public required string Spend { get; init; }

    /// <summary>Gets the text "Revenue and provider cost over time".</summary>
    public required string MoneyOverTime { get; init; }

    /// <summary>Gets the text "Tokens over time".</summary>
    public required string TokensOverTime { get; init; }

    /// <summary>Gets the text "Latency and time to first token per source".</summary>
    public required string PerformanceBySource { get; init; }

    /// <summary>Gets the text "Source".</summary>
    public required string Source { get; init; }

    /// <summary>Gets the text "Keys cooling".</summary>
    public required string KeysCooling { get; init; }

    /// <summary>Gets the text "Gateway".</summary>
    public required string Gateway { get; init; }

    /// <summary>Gets the text "(none)", shown for a group without a value.</summary>
    public required string None { get; init; }

    /// <summary>Gets the text "Your own usage".</summary>
    public required string OwnUsage { get; init; }

    /// <summary>Returns the strings of the language the console shows.</summary>
    public static OverviewText For(UiText current) => ReferenceEquals(current, ChineseText.Value) ? Chinese : English;
}
