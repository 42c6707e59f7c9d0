using Switchboard.Console.Localization;

namespace Switchboard.Console.Pages.Keys;

/// <summary>Holds the strings of the virtual keys page that the shared <see cref="UiText"/> does not have.</summary>
public sealed record KeysText
{
    /// <summary>Gets the strings in English.</summary>
    public static KeysText English { get; } = new()
    {
        Role = "Role",
        Limits = "Limits",
        Models = "Models",
        AllModels = "all",
        Active = "Active",
        Expired = "Expired",
        NoKeys = "No virtual keys yet.",
        NoBudget = "no budget",
        NewKey = "New key",
        CopyFailed = "The browser refused to copy: select the key and copy it by hand.",
        Done = "I have copied it",
        BadDate = "Give the expiry as a date, e.g. 2027-01-31.",
        BadNumber = "Budget, rpm, tpm and parallel must be numbers.",
        RevokeTitle = "Revoke key",
    };

    /// <summary>Gets the strings in Simplified Chinese.</summary>
    public static KeysText Chinese { get; } = new()
    {
        Role = "角色",
        Limits = "限制",
        Models = "模型",
        AllModels = "全部",
        Active = "有效",
        Expired = "已过期",
        NoKeys = "还没有虚拟密钥。",
        NoBudget = "无预算",
        NewKey = "新密钥",
        CopyFailed = "浏览器拒绝复制：请手动选中并复制密钥。",
        Done = "我已复制",
        BadDate = "到期时间请写成日期，例如 2027-01-31。",
        BadNumber = "预算、rpm、tpm 和并发数必须是数字。",
        RevokeTitle = "吊销密钥",
    };

    /// <summary>Gets the text "Role".</summary>
    public required string Role { get; init; }

    /// <summary>Gets the text "Limits".</summary>
    public required string Limits { get; init; }

    /// <summary>Gets the text "Models".</summary>
    public required string Models { get; init; }

    /// <summary>Gets the text "all".</summary>
    public required string AllModels { get; init; }

    /// <summary>Gets the text "Active".</summary>
    public required string Active { get; init; }

    /// <summary>Gets the text "Expired".</summary>
    public required string Expired { get; init; }

    /// <summary>Gets the text "No virtual keys yet.".</summary>
    public required string NoKeys { get; init; }

    /// <summary>Gets the text "no budget".</summary>
    public required string NoBudget { get; init; }

    /// <summary>Gets the text "New key".</summary>
    public required string NewKey { get; init; }

    /// <summary>Gets the text "The browser refused to copy: select the key and copy it by hand.".</summary>
    public required string CopyFailed { get; init; }

    /// <summary>Gets the text "I have copied it".</summary>
    public required string Done { get; init; }

    /// <summary>Gets the text "Give the expiry as a date, e.g. 2027-01-31.".</summary>
    public required string BadDate { get; init; }

    /// <summary>Gets the text "Budget, rpm, tpm and parallel must be numbers.".</summary>
    public required string BadNumber { get; init; }

    /// <summary>Gets the text "Revoke key".</summary>
    public required string RevokeTitle { get; init; }

    /// <summary>Returns the strings of the language the shared <see cref="UiText"/> is in.</summary>
    public static KeysText For(UiText text) => ReferenceEquals(text, ChineseText.Value) ? Chinese : English;
}
