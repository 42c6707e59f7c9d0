using Switchboard.Console.Localization;

namespace Switchboard.Console.Pages.Users;

/// <summary>Holds the strings of the users, tiers and slots page that the shared <see cref="UiText"/> does not have.</summary>
public sealed record UsersText
{
    /// <summary>Gets the strings in English.</summary>
    public static UsersText English { get; } = new()
    {
        Tenancy = "Tenancy",
        Mode = "Mode",
        AutoKey = "AutoKey: create a user on their first signed request",
        Save = "Save",
        Saved = "Saved",
        Cancel = "Cancel",
        TierRules = "Tier rules",
        Tier = "Tier",
        Slots = "Slots",
        Models = "Models",
        Tags = "Tags",
        IncludesTiers = "Includes tiers",
        ServerKeys = "Server keys",
        BuiltIn = "built in",
        EveryModel = "every model",
        LastChange = "Last change",
        Edit = "Edit",
        RuleJson = "Rule (JSON: slots, models, tags, includes_tiers, server_keys)",
        NewTier = "Add a tier rule",
        TierName = "Tier name",
        DisplayName = "Display name",
        Role = "Role",
        Limits = "Limits",
        AddUser = "Add or change a user",
        UserId = "User id",
        Details = "Details",
        Close = "Close",
        UserDetails = "User",
        SlotRepairs = "Slot repairs",
        OwnKeys = "Own keys (masked)",
        PrivatePlatforms = "Private platforms",
        Dispatch = "Dispatch preview",
        DispatchHint = "Which model and whose key each user gets for a slot, as the next request would.",
        UserIds = "User ids (comma-separated)",
        Slot = "Slot",
        KeySource = "Key source",
        Preview = "Preview",
        From = "From",
        To = "To",
        Reason = "Reason",
        When = "When",
        None = "None.",
        KeySet = "Key set",
        Yes = "yes",
        No = "no",
        NoBudget = "no budget",
        Label = "Label",
        BadNumber = "The budget must be a number.",
        NoUsers = "No users yet: they appear when an admin adds them or AutoKey creates them.",
    };

    /// <summary>Gets the strings in Simplified Chinese.</summary>
    public static UsersText Chinese { get; } = new()
    {
        Tenancy = "租户模式",
        Mode = "模式",
        AutoKey = "AutoKey：用户首次带签名请求时自动创建",
        Save = "保存",
        Saved = "已保存",
        Cancel = "取消",
        TierRules = "等级规则",
        Tier = "等级",
        Slots = "槽位",
        Models = "模型",
        Tags = "标签",
        IncludesTiers = "包含等级",
        ServerKeys = "服务器密钥",
        BuiltIn = "内置",
        EveryModel = "全部模型",
        LastChange = "最近修改",
        Edit = "编辑",
        RuleJson = "规则（JSON：slots、models、tags、includes_tiers、server_keys）",
        NewTier = "添加等级规则",
        TierName = "等级名称",
        DisplayName = "显示名称",
        Role = "角色",
        Limits = "限制",
        AddUser = "添加或修改用户",
        UserId = "用户 ID",
        Details = "详情",
        Close = "关闭",
        UserDetails = "用户",
        SlotRepairs = "槽位修复",
        OwnKeys = "自带密钥（掩码）",
        PrivatePlatforms = "私有平台",
        Dispatch = "调度预览",
        DispatchHint = "每个用户在某槽位上会得到哪个模型、用谁的密钥，与下一次请求一致。",
        UserIds = "用户 ID（逗号分隔）",
        Slot = "槽位",
        KeySource = "密钥来源",
        Preview = "预览",
        From = "原模型",
        To = "新模型",
        Reason = "原因",
        When = "时间",
        None = "无。",
        KeySet = "已有密钥",
        Yes = "是",
        No = "否",
        NoBudget = "无预算",
        Label = "名称",
        BadNumber = "预算必须是数字。",
        NoUsers = "还没有用户：管理员添加或 AutoKey 自动创建后会出现在这里。",
    };

    /// <summary>Gets the text "Tenancy".</summary>
    public required string Tenancy { get; init; }

    /// <summary>Gets the text "Mode".</summary>
    public required string Mode { get; init; }

    /// <summary>Gets the text "AutoKey: create a user on their first signed request".</summary>
    public required string AutoKey { get; init; }

    /// <summary>Gets the text "Save".</summary>
    public required string Save { get; init; }

    /// <summary>Gets the text "Saved".</summary>
    public required string Saved { get; init; }

    /// <summary>Gets the text "Cancel".</summary>
    public required string Cancel { get; init; }

    /// <summary>Gets the text "Tier rules".</summary>
    public required string TierRules { get; init; }

    /// <summary>Gets the text "Tier".</summary>
    public required string Tier { get; init; }

    /// <summary>Gets the text "Slots".</summary>
    public required string Slots { get; init; }

    /// <summary>Gets the text "Models".</summary>
    public required string Models { get; init; }

    /// <summary>Gets the text "Tags".</summary>
    public required string Tags { get; init; }

    /// <summary>Gets the text "Includes tiers".</summary>
    public required string IncludesTiers { get; init; }

    /// <summary>Gets the text "Server keys".</summary>
    public required string ServerKeys { get; init; }

    /// <summary>Gets the text "built in".</summary>
    public required string BuiltIn { get; init; }

    /// <summary>Gets the text "every model".</summary>
    public required string EveryModel { get; init; }

    /// <summary>Gets the text "Last change".</summary>
    public required string LastChange { get; init; }

    /// <summary>Gets the text "Edit".</summary>
    public required string Edit { get; init; }

    /// <summary>Gets the text "Rule (JSON: slots, models, tags, includes_tiers, server_keys)".</summary>
    public required string RuleJson { get; init; }

    /// <summary>Gets the text "Add a tier rule".</summary>
    public required string NewTier { get; init; }

    /// <summary>Gets the text "Tier name".</summary>
    public required string TierName { get; init; }

    /// <summary>Gets the text "Display name".</summary>
    public required string DisplayName { get; init; }

    /// <summary>Gets the text "Role".</summary>
    public required string Role { get; init; }

    /// <summary>Gets the text "Limits".</summary>
    public required string Limits { get; init; }

    /// <summary>Gets the text "Add or change a user".</summary>
    public required string AddUser { get; init; }

    /// <summary>Gets the text "User id".</summary>
    public required string UserId { get; init; }

    /// <summary>Gets the text "Details".</summary>
    public required string Details { get; init; }

    /// <summary>Gets the text "Close".</summary>
    public required string Close { get; init; }

    /// <summary>Gets the text "User".</summary>
    public required string UserDetails { get; init; }

    /// <summary>Gets the text "Slot repairs".</summary>
    public required string SlotRepairs { get; init; }

    /// <summary>Gets the text "Own keys (masked)".</summary>
    public required string OwnKeys { get; init; }

    /// <summary>Gets the text "Private platforms".</summary>
    public required string PrivatePlatforms { get; init; }

    /// <summary>Gets the text "Dispatch preview".</summary>
    public required string Dispatch { get; init; }

    /// <summary>Gets the text "Which model and whose key each user gets for a slot, as the next request would.".</summary>
    public required string DispatchHint { get; init; }

    /// <summary>Gets the text "User ids (comma-separated)".</summary>
    public required string UserIds { get; init; }

    /// <summary>Gets the text "Slot".</summary>
    public required string Slot { get; init; }

    /// <summary>Gets the text "Key source".</summary>
    public required string KeySource { get; init; }

    /// <summary>Gets the text "Preview".</summary>
    public required string Preview { get; init; }

    /// <summary>Gets the text "From".</summary>
    public required string From { get; init; }

    /// <summary>Gets the text "To".</summary>
    public required string To { get; init; }

    /// <summary>Gets the text "Reason".</summary>
    public required string Reason { get; init; }

    /// <summary>Gets the text "When".</summary>
    public required string When { get; init; }

    /// <summary>Gets the text "None.".</summary>
    public required string None { get; init; }

    /// <summary>Gets the text "Key set".</summary>
    public required string KeySet { get; init; }

    /// <summary>Gets the text "yes".</summary>
    public required string Yes { get; init; }

    /// <summary>Gets the text "no".</summary>
    public required string No { get; init; }

    /// <summary>Gets the text "no budget".</summary>
    public required string NoBudget { get; init; }

    /// <summary>Gets the text "Label".</summary>
    public required string Label { get; init; }

    /// <summary>Gets the text "The budget must be a number.".</summary>
    public required string BadNumber { get; init; }

    /// <summary>Gets the text "No users yet: they appear when an admin adds them or AutoKey creates them.".</summary>
    public required string NoUsers { get; init; }

    /// <summary>Returns the strings of the language the shared <see cref="UiText"/> is in.</summary>
    public static UsersText For(UiText text) => ReferenceEquals(text, ChineseText.Value) ? Chinese : English;
}
