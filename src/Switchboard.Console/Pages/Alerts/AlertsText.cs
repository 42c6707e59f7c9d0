using Switchboard.Console.Localization;

namespace Switchboard.Console.Pages.Alerts;

/// <summary>Holds the strings of the alerts page, one instance per language; <c>required</c> makes the compiler refuse a language that misses one.</summary>
public sealed record AlertsText
{
    /// <summary>Gets the strings in English.</summary>
    public static AlertsText English { get; } = new()
    {
        Filters = "Filters",
        Kind = "Kind",
        Severity = "Severity",
        Subject = "Subject",
        Any = "Any",
        EvaluateNow = "Evaluate the rules now",
        Evaluated = "The rules raised {0} new alerts.",
        None = "No alerts match.",
        Time = "Time",
        ValueAndThreshold = "Value / threshold",
        Delivered = "Delivered",
    };

    /// <summary>Gets the strings in Simplified Chinese (简体中文).</summary>
    public static AlertsText Chinese { get; } = new()
    {
        Filters = "筛选",
        Kind = "类型",
        Severity = "严重程度",
        Subject = "对象",
        Any = "全部",
        EvaluateNow = "立即评估规则",
        Evaluated = "规则产生了 {0} 条新告警。",
        None = "没有匹配的告警。",
        Time = "时间",
        ValueAndThreshold = "数值 / 阈值",
        Delivered = "已投递",
    };

    /// <summary>Gets the text "Filters".</summary>
    public required string Filters { get; init; }

    /// <summary>Gets the text "Kind".</summary>
    public required string Kind { get; init; }

    /// <summary>Gets the text "Severity".</summary>
    public required string Severity { get; init; }

    /// <summary>Gets the text "Subject".</summary>
    public required string Subject { get; init; }

    /// <summary>Gets the text "Any".</summary>
    public required string Any { get; init; }

    /// <summary>Gets the text "Evaluate the rules now".</summary>
    public required string EvaluateNow { get; init; }

    /// <summary>Gets the text "The rules raised {0} new alerts.".</summary>
    public required string Evaluated { get; init; }

    /// <summary>Gets the text "No alerts match.".</summary>
    public required string None { get; init; }

    /// <summary>Gets the text "Time".</summary>
    public required string Time { get; init; }

    /// <summary>Gets the text "Value / threshold".</summary>
    public required string ValueAndThreshold { get; init; }

    /// <summary>Gets the text "Delivered".</summary>
    public required string Delivered { get; init; }

    /// <summary>Picks the strings of the language the console shows now.</summary>
    public static AlertsText For(UiText current) => ReferenceEquals(current, ChineseText.Value) ? Chinese : English;
}
