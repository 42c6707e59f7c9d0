using System.Data.Common;
using System.Text.Json.Nodes;
using Switchboard.Core.Secrets;

namespace Switchboard.Server.Status;

/// <summary>Masks secrets for the debug view: secret-like names, connection string passwords and JSON fields.</summary>
/// <remarks>Errs on the side of masking: any name that mentions a key, secret, token, password, credential or auth is masked.</remarks>
internal static class SecretRedaction
{
    private static readonly string[] SecretWords = ["key", "secret", "token", "password", "passwd", "pwd", "credential", "auth", "hash", "signature", "cookie"];

    public static bool LooksSecret(string name) =>
        SecretWords.Any(word => name.Contains(word, StringComparison.OrdinalIgnoreCase));

    public static bool LooksSealed(string? value) => value is not null && value.StartsWith("ENC:", StringComparison.Ordinal);

    public static string Mask(string? value) => SecretMasker.Mask(value);

    public static IReadOnlyDictionary<string, string> MaskSecretLike(IReadOnlyDictionary<string, string> values) =>
        values.ToDictionary(p => p.Key, p => LooksSecret(p.Key) ? Mask(p.Value) : p.Value, StringComparer.Ordinal);

    public static IReadOnlyDictionary<string, string> MaskAll(IReadOnlyDictionary<string, string> values) =>
        values.ToDictionary(p => p.Key, p => Mask(p.Value), StringComparer.Ordinal);

    /// <summary>Rebuilds a connection string with password-like values masked; an unparsable one is masked whole.</summary>
    public static string ConnectionString(string connectionString)
    {
        var builder = new DbConnectionStringBuilder();
        try
        {
            builder.ConnectionString = connectionString;
        }
        catch (ArgumentException)
        {
            return SecretMasker.FullMask;
        }

        foreach (var key in builder.Keys.Cast<string>().ToList())
        {
            if (LooksSecret(key))
            {
                builder[key] = SecretMasker.FullMask;
            }
        }

        return builder.ConnectionString;
    }

    /// <summary>Parses JSON text and masks every string under a secret-like property name; unparsable text is masked whole.</summary>
    public static JsonNode? Json(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            var node = JsonNode.Parse(json);
            MaskNode(node);
            return node;
        }
        catch (System.Text.Json.JsonException)
        {
            return JsonValue.Create(SecretMasker.FullMask);
        }
    }

    /// <summary>Shows a URL without user info, query or fragment, which may carry credentials.</summary>
    public static string? Url(string? url) =>
        url is not null && Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Path).Replace(uri.UserInfo + "@", string.Empty, StringComparison.Ordinal) : url is null ? null : SecretMasker.FullMask;

    private static void MaskNode(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in obj.Select(p => p.Key).ToList())
                {
                    if (LooksSecret(name) && obj[name] is JsonValue value)
                    {
                        obj[name] = Mask(value.ToString());
                    }
                    else
                    {
                        MaskNode(obj[name]);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    MaskNode(item);
                }

                break;
        }
    }
}
