using System.Text.Encodings.Web;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using System.Text.Unicode;
using Switchboard.Core.Secrets;

namespace Switchboard.Core.Audit;

/// <summary>Turns a before or after value into the JSON the audit log stores: every secret masked, the size bounded.</summary>
/// <remarks>
/// Callers pass views that already show keys masked; this is the second guard, so a secret that slips into a view
/// still never reaches the log. It masks (with <see cref="SecretMasker"/>) every string under a secret-sounding name
/// (<c>api_key</c>, <c>key</c>, <c>secret</c>, <c>token</c>, …), every header value (headers carry credentials), any sealed
/// <c>ENC:</c> value and anything shaped like a full virtual key. A value that is already masked stays as it is.
/// </remarks>
public static class AuditJson
{
    /// <summary>The largest before or after JSON stored; a bigger one is replaced by a note of its size.</summary>
    public const int MaxBytes = 64 * 1024;

    private static readonly HashSet<string> SecretNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "api_key", "api_keys", "apikey", "key", "secret", "secrets", "sealed_value", "password", "token", "access_token",
        "refresh_token", "authorization", "master_key", "admin_key", "hash", "client_secret",
    };

    private static readonly HashSet<string> HeaderNames = new(StringComparer.OrdinalIgnoreCase) { "headers", "extra_headers" };

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    private static DefaultJsonTypeInfoResolver? _reflection;

    /// <summary>Serializes a value to masked, bounded JSON text with contracts found by reflection; null stays null.</summary>
    /// <remarks>For tests and tools that pass anonymous values; the gateway passes its compiled contracts to <see cref="Write(object?, IJsonTypeInfoResolver)"/>.</remarks>
    [RequiresUnreferencedCode("Reflects over the value's type; use the overload that takes compiled contracts.")]
    [RequiresDynamicCode("Reflects over the value's type; use the overload that takes compiled contracts.")]
    public static string? Write(object? value) => Write(value, _reflection ??= new DefaultJsonTypeInfoResolver());

    /// <summary>Serializes a value to masked, bounded JSON text with the contracts of <paramref name="contracts"/>; null stays null.</summary>
    /// <remarks>A <see cref="JsonNode"/> needs no contract; any other value's runtime type must have one (else <see cref="NotSupportedException"/>).</remarks>
    public static string? Write(object? value, IJsonTypeInfoResolver contracts)
    {
        ArgumentNullException.ThrowIfNull(contracts);
        if (value is null)
        {
            return null;
        }

        var node = value as JsonNode ?? JsonSerializer.SerializeToNode(value, OptionsFor(contracts).GetTypeInfo(value.GetType()));
        if (node is null)
        {
            return null;
        }

        Mask(node, maskAll: false);
        var json = node.ToJsonString(Options);
        return json.Length <= MaxBytes
            ? json
            : new JsonObject { ["truncated"] = true, ["bytes"] = System.Text.Encoding.UTF8.GetByteCount(json) }.ToJsonString(Options);
    }

    private static JsonSerializerOptions OptionsFor(IJsonTypeInfoResolver contracts)
    {
        // One options instance per resolver (in practice one per process): options cache the contracts they hand out.
        var cached = _options;
        if (cached is not null && ReferenceEquals(cached.TypeInfoResolver, contracts))
        {
            return cached;
        }

        var options = new JsonSerializerOptions(Options) { TypeInfoResolver = contracts };
        options.MakeReadOnly();
        _options = options;
        return options;
    }

    private static JsonSerializerOptions? _options;

    private static void Mask(JsonNode node, bool maskAll)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj.ToList())
                {
                    if (child is JsonValue value && value.TryGetValue<string>(out var text))
                    {
                        var masked = maskAll || SecretNames.Contains(name) ? MaskText(text) : MaskIfSecretShaped(text);
                        if (!ReferenceEquals(masked, text))
                        {
                            obj[name] = masked;
                        }
                    }
                    else if (child is not null)
                    {
                        Mask(child, maskAll || SecretNames.Contains(name) || HeaderNames.Contains(name));
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonValue value && value.TryGetValue<string>(out var text))
                    {
                        var masked = maskAll ? MaskText(text) : MaskIfSecretShaped(text);
                        if (!ReferenceEquals(masked, text))
                        {
                            array[i] = masked;
                        }
                    }
                    else if (array[i] is { } child)
                    {
                        Mask(child, maskAll);
                    }
                }

                break;
        }
    }

    private static string MaskText(string text) =>
        IsMasked(text) ? text : text.StartsWith("ENC:", StringComparison.Ordinal) ? SecretMasker.FullMask : SecretMasker.Mask(text);

    private static string MaskIfSecretShaped(string text) =>
        text.StartsWith("ENC:", StringComparison.Ordinal) ? SecretMasker.FullMask
        : text.Length == VirtualKeyGenerator.Prefix.Length + VirtualKeyGenerator.RandomLength && text.StartsWith(VirtualKeyGenerator.Prefix, StringComparison.Ordinal) ? SecretMasker.Mask(text)
        : text;

    private static bool IsMasked(string text) => text == SecretMasker.FullMask || (text.Length <= 9 && text.Contains('…', StringComparison.Ordinal));
}
