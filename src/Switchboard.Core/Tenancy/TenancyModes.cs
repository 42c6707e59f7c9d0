namespace Switchboard.Core.Tenancy;

/// <summary>Names the tenancy modes. <c>single</c>: no users, everything runs as the system user. <c>multi-fixed</c>: users use
/// system platforms and may bring their own keys. <c>multi-custom</c>: users may also create private platforms and models.</summary>
public static class TenancyModes
{
    /// <summary>No users; every caller acts as the system user.</summary>
    public const string SingleUser = "single";

    /// <summary>Users on system platforms, with their own keys allowed.</summary>
    public const string MultiFixed = "multi-fixed";

    /// <summary>Users may also create private platforms and models.</summary>
    public const string MultiCustom = "multi-custom";

    /// <summary>Returns the canonical mode name, or null when the text names no mode.</summary>
    public static string? Normalize(string? mode) => mode?.Trim().ToLowerInvariant() switch
    {
        SingleUser => SingleUser,
        MultiFixed or "multi_fixed" => MultiFixed,
        MultiCustom or "multi_custom" => MultiCustom,
        _ => null,
    };
}
