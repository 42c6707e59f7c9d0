namespace Switchboard.Core.Tenancy;

/// <summary>Names the built-in usage slots and the <c>slot:</c> model prefix.</summary>
public static class UsageSlots
{
    /// <summary>The main slot, used when none is named.</summary>
    public const string Main = "main";

    /// <summary>The fast slot.</summary>
    public const string Fast = "fast";

    /// <summary>The reasoning slot.</summary>
    public const string Reason = "reason";

    /// <summary>The prefix that makes a <c>model</c> value name a slot: <c>slot:fast</c>.</summary>
    public const string ModelPrefix = "slot:";

    /// <summary>Gets the built-in slots with their labels, in display order.</summary>
    public static IReadOnlyList<(string Key, string Label)> BuiltIn { get; } = [(Main, "Main model"), (Fast, "Fast model"), (Reason, "Reasoning model")];

    /// <summary>Normalises a slot key: trimmed and lower case; empty means <see cref="Main"/>.</summary>
    public static string Normalize(string? slot)
    {
        var key = slot?.Trim().ToLowerInvariant();
        return string.IsNullOrEmpty(key) ? Main : key;
    }

    /// <summary>Returns whether a slot key is acceptable: 1–64 characters of letters, digits, '-', '_' or '.'.</summary>
    public static bool IsValidKey(string key) =>
        key.Length is > 0 and <= 64 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
