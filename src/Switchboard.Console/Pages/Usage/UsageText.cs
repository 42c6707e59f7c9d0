using Switchboard.Console.Localization;

namespace Switchboard.Console.Pages.Usage;

/// <summary>Holds the usage page's own strings, one instance per language; <c>required</c> makes the compiler refuse a language that misses one.</summary>
public sealed record UsageText
{
    /// <summary>Gets the strings in English.</summary>
    public static UsageText English { get; } = new()
    {
        Filters = "Filters",
        AllTime = "All time",
        UserId = "User id",
        ModelFilter = "Model",
        PlatformFilter = "Platform",
        VirtualKeyId = "Virtual key id",
        UpstreamKeyId = "Upstream key id",
        AnyStatus = "Any status",
        ProtocolFilter = "Client protocol",
        AnyProtocol = "Any protocol",
        ApplyFilters = "Filter",
        ExportCsv = "Export CSV",
        GroupBy = "Group by",
        NoGrouping = "No grouping",
        GroupByModel = "Model",
        GroupByUser = "User",
        GroupByPlatform = "Platform",
        GroupByKey = "Virtual key",
        GroupBySlot = "Slot",
        GroupByAgent = "Agent",
        GroupByProtocol = "Client protocol",
        GroupsNote = "Totals over the period (the status and key filters do not apply to groups).",
        Time = "Time",
        RequestId = "Request id",
        InOut = "In / out",
        UserPrice = "User price",
        LoadMore = "Load more",
        RecordCount = "{0} records shown",
        NoRecords = "No usage records match.",
        Details = "Request details",
        RoutingLog = "Routing log",
        ShowRoutingLog = "Show the routing log",
        Strategy = "Strategy",
        Candidates = "Candidates",
        Chosen = "Chosen",
        Reason = "Reason",
        Attempts = "Attempts",
        Outcome = "Outcome",
        Blamed = "Blamed",
        Duration = "Duration",
        Close = "Close",
    };

    /// <summary>Gets the strings in Simplified Chinese.</summary>
    public static UsageText Chinese { get; } = new()
    {
        Filters = "筛选",
        AllTime = "全部时间",
        UserId = "用户 ID",
        ModelFilter = "模型",
        PlatformFilter = "平台",
        VirtualKeyId = "虚拟密钥 ID",
        UpstreamKeyId = "上游密钥 ID",
        AnyStatus = "任意状态",
        ProtocolFilter = "客户端协议",
        AnyProtocol = "任意协议",
        ApplyFilters = "筛选",
        ExportCsv = "导出 CSV",
        GroupBy = "分组",
        NoGrouping = "不分组",
        GroupByModel = "模型",
        GroupByUser = "用户",
        GroupByPlatform = "平台",
        GroupByKey = "虚拟密钥",
        GroupBySlot = "槽位",
        GroupByAgent = "智能体",
        GroupByProtocol = "客户端协议",
        GroupsNote = "该时间范围内的合计（状态与密钥筛选不作用于分组）。",
        Time = "时间",
        RequestId = "请求 ID",
        InOut = "输入 / 输出",
        UserPrice = "用户价格",
        LoadMore = "加载更多",
        RecordCount = "已显示 {0} 条记录",
        NoRecords = "没有匹配的用量记录。",
        Details = "请求详情",
        RoutingLog = "路由日志",
        ShowRoutingLog = "查看路由日志",
        Strategy = "策略",
        Candidates = "候选来源",
        Chosen = "选中",
        Reason = "原因",
        Attempts = "尝试",
        Outcome = "结果",
        Blamed = "归因",
        Duration = "耗时",
        Close = "关闭",
    };

    /// <summary>Gets the text "Filters".</summary>
    public required string Filters { get; init; }

    /// <summary>Gets the text "All time".</summary>
    public required string AllTime { get; init; }

    /// <summary>Gets the text "User id".</summary>
    public required string UserId { get; init; }

    /// <summary>Gets the text "Model" of the model filter.</summary>
    public required string ModelFilter { get; init; }

    /// <summary>Gets the text "Platform" of the platform filter.</summary>
    public required string PlatformFilter { get; init; }

    /// <summary>Gets the text "Virtual key id".</summary>
    public required string VirtualKeyId { get; init; }

    /// <summary>Gets the text "Upstream key id".</summary>
    public required string UpstreamKeyId { get; init; }

    /// <summary>Gets the text "Any status".</summary>
    public required string AnyStatus { get; init; }

    /// <summary>Gets the text "Client protocol" of the protocol filter.</summary>
    public required string ProtocolFilter { get; init; }

    /// <summary>Gets the text "Any protocol".</summary>
    public required string AnyProtocol { get; init; }

    /// <summary>Gets the text "Filter".</summary>
    public required string ApplyFilters { get; init; }

    /// <summary>Gets the text "Export CSV".</summary>
    public required string ExportCsv { get; init; }

    /// <summary>Gets the text "Group by".</summary>
    public required string GroupBy { get; init; }

    /// <summary>Gets the text "No grouping".</summary>
    public required string NoGrouping { get; init; }

    /// <summary>Gets the text "Model" of the grouping.</summary>
    public required string GroupByModel { get; init; }

    /// <summary>Gets the text "User" of the grouping.</summary>
    public required string GroupByUser { get; init; }

    /// <summary>Gets the text "Platform" of the grouping.</summary>
    public required string GroupByPlatform { get; init; }

    /// <summary>Gets the text "Virtual key" of the grouping.</summary>
    public required string GroupByKey { get; init; }

    /// <summary>Gets the text "Slot" of the grouping.</summary>
    public required string GroupBySlot { get; init; }

    /// <summary>Gets the text "Agent" of the grouping.</summary>
    public required string GroupByAgent { get; init; }

    /// <summary>Gets the text "Client protocol" of the grouping.</summary>
    public required string GroupByProtocol { get; init; }

    /// <summary>Gets the note that groups are totals over the period.</summary>
    public required string GroupsNote { get; init; }

    /// <summary>Gets the text "Time".</summary>
    public required string Time { get; init; }

    /// <summary>Gets the text "Request id".</summary>
    public required string RequestId { get; init; }

    /// <summary>Gets the text "In / out".</summary>
    public required string InOut { get; init; }

    /// <summary>Gets the text "User price".</summary>
    public required string UserPrice { get; init; }

    /// <summary>Gets the text "Load more".</summary>
    public required string LoadMore { get; init; }

    /// <summary>Gets the text "{0} records shown".</summary>
    public required string RecordCount { get; init; }

    /// <summary>Gets the text "No usage records match.".</summary>
    public required string NoRecords { get; init; }

    /// <summary>Gets the text "Request details".</summary>
    public required string Details { get; init; }

    /// <summary>Gets the text "Routing log".</summary>
    public required string RoutingLog { get; init; }

    /// <summary>Gets the text "Show the routing log".</summary>
    public required string ShowRoutingLog { get; init; }

    /// <summary>Gets the text "Strategy".</summary>
    public required string Strategy { get; init; }

    /// <summary>Gets the text "Candidates".</summary>
    public required string Candidates { get; init; }

    /// <summary>Gets the text "Chosen".</summary>
    public required string Chosen { get; init; }

    /// <summary>Gets the text "Reason".</summary>
    public required string Reason { get; init; }

    /// <summary>Gets the text "Attempts".</summary>
    public required string Attempts { get; init; }

    /// <summary>Gets the text "Outcome".</summary>
    public required string Outcome { get; init; }

    /// <summary>Gets the text "Blamed".</summary>
    public required string Blamed { get; init; }

    /// <summary>Gets the text "Duration".</summary>
    public required string Duration { get; init; }

    /// <summary>Gets the text "Close".</summary>
    public required string Close { get; init; }

    /// <summary>Returns the strings of the language the console shows.</summary>
    public static UsageText For(UiText current) => ReferenceEquals(current, ChineseText.Value) ? Chinese : English;
}
