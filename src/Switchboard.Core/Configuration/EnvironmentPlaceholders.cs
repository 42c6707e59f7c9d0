using System.Text.RegularExpressions;

namespace Switchboard.Core.Configuration;

/// <summary>Recognises and fills <c>{ENV_VAR}</c> placeholders, the classic way to keep secrets out of the file.</summary>
internal static partial class EnvironmentPlaceholders
{
    /// <summary>Tells whether a whole value is one placeholder, <c>{NAME}</c> or <c>${NAME}</c>, and returns the variable name.</summary>
    public static bool TryMatchWhole(string value, out string variableName)
    {
        var match = WholePattern().Match(value);
        variableName = match.Success ? match.Groups["name"].Value : string.Empty;
        return match.Success;
    }

    /// <summary>Replaces every placeholder inside a text, returning the first variable that is unset.</summary>
    public static string Substitute(string text, Func<string, string?> getEnvironmentVariable, out string? missingVariable)
    {
        string? missing = null;
        var result = InlinePattern().Replace(text, match =>
        {
            var name = match.Groups["name"].Value;
            var value = getEnvironmentVariable(name)?.Trim();
            if (string.IsNullOrEmpty(value))
            {
                missing ??= name;
                return string.Empty;
            }

            return value;
        });
        missingVariable = missing;
        return result;
    }

    [GeneratedRegex(@"^\$?\{\s*(?<name>[A-Za-z_][A-Za-z0-9_]*)\s*\}$", RegexOptions.CultureInvariant)]
    private static partial Regex WholePattern();

    [GeneratedRegex(@"\$?\{\s*(?<name>[A-Za-z_][A-Za-z0-9_]*)\s*\}", RegexOptions.CultureInvariant)]
    private static partial Regex InlinePattern();
}
