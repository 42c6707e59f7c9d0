using System.Text.Json;
using Switchboard.Core.Errors;
using Switchboard.Core.Requests;
using Switchboard.Server.Http;

namespace Switchboard.Server.Http;

/// <summary>Reads tenancy request bodies so that every malformed body is a 400 in the gateway's error shape.</summary>
/// <remarks>
/// Minimal-API body binding turns bad JSON into an empty 400 in production and into an exception (a 500) when
/// <c>ThrowOnBadRequest</c> is on, and it cannot tell an absent property from an explicit <c>null</c>. These routes need
/// both: a clear 400 naming the field, and "absent means unchanged, null means clear" for partial updates.
/// </remarks>
internal static class JsonRequest
{
    /// <summary>The largest body these routes accept; tier rules and platform definitions are small.</summary>
    public const long MaxBodyBytes = 1024 * 1024;

    /// <summary>Reads the body as a JSON object; an empty body reads as <c>{}</c> unless <paramref name="required"/> is set.</summary>
    public static async Task<(JsonElement Root, GatewayError? Error)> ReadObjectAsync(HttpContext context, bool required = false)
    {
        var (body, error) = await RequestBodyReader.ReadJsonAsync(context, MaxBodyBytes);
        if (error is not null)
        {
            return (default, error);
        }

        using (body)
        {
            if (body!.Memory.Span.Trim(" \t\r\n"u8).IsEmpty)
            {
                return required
                    ? (default, GatewayErrors.InvalidRequest("The request body must be a JSON object.", code: "missing_body"))
                    : (EmptyObject(), null);
            }

            if (RequestJson.Check(body.Memory.Span) is { } textError)
            {
                return (default, textError);
            }

            JsonElement root;
            try
            {
                using var document = JsonDocument.Parse(body.Memory);
                root = document.RootElement.Clone();
            }
            catch (JsonException)
            {
                // The parser's message quotes the body; the position is enough to find the mistake.
                return (default, GatewayErrors.InvalidRequest("The request body is not valid JSON.", code: "invalid_json"));
            }

            return root.ValueKind == JsonValueKind.Object
                ? (root, null)
                : (default, GatewayErrors.InvalidRequest("The request body must be a JSON object.", code: "invalid_json"));
        }
    }

    /// <summary>Reads the body as a JSON object and binds it to <typeparamref name="T"/>; a value of the wrong type is a 400 naming the field.</summary>
    public static async Task<(T? Value, JsonElement Root, GatewayError? Error)> ReadAsync<T>(HttpContext context)
        where T : class
    {
        var (root, error) = await ReadObjectAsync(context);
        if (error is not null)
        {
            return (null, root, error);
        }

        var (value, bindError) = Bind<T>(root);
        return (value, root, bindError);
    }

    /// <summary>Binds a JSON object to <typeparamref name="T"/>; a value of the wrong type is a 400 naming the field.</summary>
    public static (T? Value, GatewayError? Error) Bind<T>(JsonElement element)
        where T : class
    {
        try
        {
            var value = element.Deserialize(ServerJson.Of<T>());
            return value is null
                ? (null, GatewayErrors.InvalidRequest("The request body must be a JSON object.", code: "invalid_json"))
                : (value, null);
        }
        catch (JsonException e)
        {
            var param = ParamOf(e.Path);
            return (null, GatewayErrors.InvalidRequest(
                param is null ? "The request body has a value of the wrong type." : $"'{param}' has a value of the wrong type.",
                param,
                "invalid_type"));
        }
    }

    /// <summary>Returns whether the object has the property, even with a null value (absent means "unchanged", null means "clear").</summary>
    public static bool Has(JsonElement root, string name) => root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out _);

    /// <summary>Creates the error for a required field that is missing or empty.</summary>
    public static GatewayError Missing(string name, string? message = null) =>
        GatewayErrors.InvalidRequest(message ?? $"'{name}' is required.", name, "missing_field");

    /// <summary>Creates the error for a field whose value is not acceptable.</summary>
    public static GatewayError Invalid(string name, string message) => GatewayErrors.InvalidRequest(message, name, "invalid_value");

    private static JsonElement EmptyObject()
    {
        using var document = JsonDocument.Parse("{}");
        return document.RootElement.Clone();
    }

    private static string? ParamOf(string? path)
    {
        // "$.platform_id" -> "platform_id"; "$.models['a b']" -> "models['a b']".
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return null;
        }

        return path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
    }
}
