using System.Text.Json;
using Switchboard.Core.Errors;

namespace Switchboard.Server.Gemini;

/// <summary>Reads the fields of a Gemini request body, which Google's API accepts in camelCase (the SDKs) or snake_case (its own REST examples).</summary>
internal static class GeminiFields
{
    /// <summary>Gets a present, non-null property by its camelCase or snake_case name.</summary>
    public static bool TryGet(JsonElement element, string camel, string snake, out JsonElement value)
    {
        if (element.ValueKind == JsonValueKind.Object
            && (element.TryGetProperty(camel, out value) || (snake.Length > 0 && element.TryGetProperty(snake, out value)))
            && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined))
        {
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>Gets a present, non-null property whose name is the same in both spellings.</summary>
    public static bool TryGet(JsonElement element, string name, out JsonElement value) => TryGet(element, name, "", out value);

    /// <summary>Gets a string property, or null when it is absent; <paramref name="error"/> says so when it is there but not a string.</summary>
    public static string? StringOf(JsonElement element, string camel, string snake, string path, out GatewayError? error)
    {
        error = null;
        if (!TryGet(element, camel, snake, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            error = Invalid($"{path}.{camel}", $"'{path}.{camel}' must be a string.");
            return null;
        }

        return value.GetString();
    }

    /// <summary>Creates the 400 for a field of a Gemini request that cannot be used, naming it.</summary>
    public static GatewayError Invalid(string param, string message) => GatewayErrors.InvalidRequest(message, param);

    /// <summary>Creates the 400 for a missing required field.</summary>
    public static GatewayError Missing(string param) =>
        GatewayErrors.InvalidRequest($"'{param}' is required.", param, "missing_required_parameter");
}
