using Switchboard.Console.Localization;

namespace Switchboard.Console.Pages.Audit;

/// <summary>Holds the strings of the audit page, one instance per language; <c>required</c> makes the compiler refuse a language that misses one.</summary>
public sealed record AuditText
{
    /// <summary>Gets the strings in English.</summary>
    public static AuditText English { get; } = new()
    {
        Filters = "Filters",
        Actor = "Actor",
        Action = "Action",
        TargetType = "Target type",
        Target = "Target",
        Since = "Since",
        Until = "Until",
        Search = "Search",
        None = "No changes match.",
        Time = "Time",
        RequestId = "Request id",
        Change = "Change",
        ShowChange = "Whole value before and after",
        Before = "Before",
        After = "After",
        Older = "Older entries",
    };

    /// <summary>Gets the strings in Simplified Chinese (简体中文).</summary>
    public static AuditText Chinese { get; } = new()
    {
        Filters = "筛选",
        Actor = "操作者",
        Action = "操作",
        TargetType = "目标类型",
        Target = "目标",
        Since = "开始日期",
        Until = "结束日期",
        Search = "搜索",
        None = "没有匹配的变更。",
        Time = "时间",
        RequestId = "请求 ID",
        Change = "变更",
        ShowChange = "完整的变更前后值",
        Before = "变更前",
        After = "变更后",
        Older = "更早的记录",
    };

    /// <summary>Gets the text "Filters".</summary>
    public required string Filters { get; init; }

    /// <summary>Gets the text "Actor".</summary>
    public required string Actor { get; init; }

    /// <summary>Gets the text "Action".</summary>
    public required string Action { get; init; }

    /// <summary>Gets the text "Target type".</summary>
    public required string TargetType { get; init; }

    /// <summary>Gets the text "Target".</summary>
    public required string Target { get; init; }

    /// <summary>Gets the text "Since".</summary>
    public required string Since { get; init; }

    /// <summary>Gets the text "Until".</summary>
    public required string Until { get; init; }

    /// <summary>Gets the text "Search".</summary>
    public required string Search { get; init; }

    /// <summary>Gets the text "No changes match.".</summary>
    public required string None { get; init; }

    /// <summary>Gets the text "Time".</summary>
    public required string Time { get; init; }

    /// <summary>Gets the text "Request id".</summary>
    public required string RequestId { get; init; }

    /// <summary>Gets the text "Change".</summary>
    public required string Change { get; init; }

    /// <summary>Gets the text "Whole value before and after".</summary>
    public required string ShowChange { get; init; }

    /// <summary>Gets the text "Before".</summary>
    public required string Before { get; init; }

    /// <summary>Gets the text "After".</summary>
    public required string After { get; init; }

    /// <summary>Gets the text "Older entries".</summary>
    public required string Older { get; init; }

    /// <summary>Picks the strings of the language the console shows now.</summary>
    public static AuditText For(UiText current) => ReferenceEquals(current, ChineseText.Value) ? Chinese : English;
}
