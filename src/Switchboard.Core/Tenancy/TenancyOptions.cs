namespace Switchboard.Core.Tenancy;

/// <summary>Start-up defaults for tenancy; the settings stored in the database (editable at run time) override them.</summary>
public sealed class TenancyOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Switchboard:Tenancy";

    /// <summary>Gets or sets the mode (<see cref="TenancyModes"/>); default <c>single</c>.</summary>
    public string Mode { get; set; } = TenancyModes.SingleUser;

    /// <summary>Gets or sets a value indicating whether users without their own key may use the server's keys.</summary>
    /// <remarks>Off by default: handing out the operator's keys must be a decision, not an accident.</remarks>
    public bool AutoKey { get; set; }

    /// <summary>Gets or sets the model the built-in admin rule binds every slot to; null means the first listed chat model.</summary>
    public string? MasterModel { get; set; }

    /// <summary>Gets or sets the model of the built-in <c>pro</c> rule; null means the master model.</summary>
    public string? ProModel { get; set; }

    /// <summary>Gets or sets the model of the built-in <c>free</c> rule; null means the pro model.</summary>
    public string? FreeModel { get; set; }

    /// <summary>Gets or sets how many output tokens a budget reservation assumes when the request sets no <c>max_tokens</c>.</summary>
    public int DefaultOutputReserveTokens { get; set; } = 1024;
}
