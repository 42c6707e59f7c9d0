namespace Switchboard.Core.Tenancy;

/// <summary>Names of the run-time settings (rows of the settings table) that tenancy reads.</summary>
public static class TenancySettingNames
{
    /// <summary>The mode: <see cref="TenancyModes"/>.</summary>
    public const string Mode = "tenancy.mode";

    /// <summary>The AutoKey switch: <c>true</c> or <c>false</c>.</summary>
    public const string AutoKey = "tenancy.auto_key";

    /// <summary>The prefix of tier rules: <c>tier.free</c>, <c>tier.pro</c>, <c>tier.admin</c>, <c>tier.&lt;custom&gt;</c>.</summary>
    public const string TierRulePrefix = "tier.";
}
