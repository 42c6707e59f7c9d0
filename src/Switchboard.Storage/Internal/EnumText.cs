using Switchboard.Abstractions.Configuration;
using Switchboard.Abstractions.Tenancy;
using Switchboard.Abstractions.Usage;

namespace Switchboard.Storage.Internal;

/// <summary>Maps enums to the stable lowercase words stored in the database, so renaming a member never rewrites data.</summary>
internal static class EnumText
{
    /// <summary>Gets the stored word for a key status.</summary>
    public static string ToText(ApiKeyStatus status) => status switch
    {
        ApiKeyStatus.Active => "active",
        ApiKeyStatus.Cooling => "cooling",
        ApiKeyStatus.Disabled => "disabled",
        ApiKeyStatus.Invalid => "invalid",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown key status."),
    };

    /// <summary>Parses a stored key status; an unknown word reads as disabled so an unknown key is never used.</summary>
    public static ApiKeyStatus ParseKeyStatus(string text) => text switch
    {
        "active" => ApiKeyStatus.Active,
        "cooling" => ApiKeyStatus.Cooling,
        "invalid" => ApiKeyStatus.Invalid,
        _ => ApiKeyStatus.Disabled,
    };

    /// <summary>Gets the stored word for a usage source.</summary>
    public static string ToText(UsageSource source) => source switch
    {
        UsageSource.None => "none",
        UsageSource.Reported => "reported",
        UsageSource.Estimated => "estimated",
        UsageSource.Partial => "partial",
        UsageSource.Corrected => "corrected",
        UsageSource.Cached => "cached",
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, "Unknown usage source."),
    };

    /// <summary>Parses a stored usage source; an unknown word reads as none.</summary>
    public static UsageSource ParseUsageSource(string text) => text switch
    {
        "reported" => UsageSource.Reported,
        "estimated" => UsageSource.Estimated,
        "partial" => UsageSource.Partial,
        "corrected" => UsageSource.Corrected,
        "cached" => UsageSource.Cached,
        _ => UsageSource.None,
    };

    /// <summary>Gets the stored word for a user status.</summary>
    public static string ToText(UserStatus status) => status switch
    {
        UserStatus.Active => "active",
        UserStatus.Disabled => "disabled",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown user status."),
    };

    /// <summary>Parses a stored user status; an unknown word reads as disabled so an unknown state never grants access.</summary>
    public static UserStatus ParseUserStatus(string text) => text == "active" ? UserStatus.Active : UserStatus.Disabled;

    /// <summary>Gets the stored word for a budget period.</summary>
    public static string ToText(BudgetPeriod period) => period switch
    {
        BudgetPeriod.Day => "day",
        BudgetPeriod.Week => "week",
        BudgetPeriod.Month => "month",
        BudgetPeriod.Total => "total",
        _ => throw new ArgumentOutOfRangeException(nameof(period), period, "Unknown budget period."),
    };

    /// <summary>Parses a stored budget period; an unknown word reads as a month, the default.</summary>
    public static BudgetPeriod ParseBudgetPeriod(string text) => text switch
    {
        "day" => BudgetPeriod.Day,
        "week" => BudgetPeriod.Week,
        "total" => BudgetPeriod.Total,
        _ => BudgetPeriod.Month,
    };
}
