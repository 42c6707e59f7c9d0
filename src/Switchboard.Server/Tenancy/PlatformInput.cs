using System.Text.Json;
using Switchboard.Abstractions.Configuration;
using Switchboard.Abstractions.Providers;
using Switchboard.Core.Configuration;
using Switchboard.Core.Errors;
using Switchboard.Server.Pricing;

using Switchboard.Server.Http;

namespace Switchboard.Server.Tenancy;

/// <summary>Turns platform fields from a request into a <see cref="PlatformConfig"/> the way the platforms file does: the preset gives defaults, the kind is checked against the registered wire protocols.</summary>
internal static class PlatformInput
{
    private const string DefaultKind = "openai";

    /// <summary>Builds a new platform from request fields.</summary>
    public static (PlatformConfig? Platform, GatewayError? Error) Create(PlatformCreateRequest request, IPlatformPresets presets, IEnumerable<IProviderKind> kinds)
    {
        if (string.IsNullOrWhiteSpace(request.Name))
        {
            return (null, JsonRequest.Missing("name"));
        }

        var (preset, presetError) = FindPreset(request.Preset, presets);
        if (presetError is not null)
        {
            return (null, presetError);
        }

        var (kind, kindError) = CheckKind(request.Kind, kinds);
        if (kindError is not null)
        {
            return (null, kindError);
        }

        var baseUrl = string.IsNullOrWhiteSpace(request.BaseUrl)
            ? preset?.BaseUrl ?? kinds.FirstOrDefault(k => string.Equals(k.Name, kind, StringComparison.OrdinalIgnoreCase))?.DefaultBaseUrl
            : request.BaseUrl.Trim();
        if (string.IsNullOrEmpty(baseUrl))
        {
            return (null, JsonRequest.Missing("base_url", "'base_url' is required unless a preset (or the kind, as demo does) gives one."));
        }

        var (extraBody, extraError) = ExtraBody(request.ExtraBody);
        if (extraError is not null)
        {
            return (null, extraError);
        }

        baseUrl = baseUrl.TrimEnd('/');
        preset ??= MatchPreset(baseUrl, kind, presets);
        return (new PlatformConfig
        {
            Name = request.Name.Trim(),
            Kind = kind ?? preset?.Kind ?? DefaultKind,
            Preset = preset?.Name,
            BaseUrl = baseUrl,
            ExtraBodyJson = extraBody,
        }, null);
    }

    /// <summary>Applies the fields of an update request to a platform; <paramref name="rename"/> is the new name, if any.</summary>
    public static (Func<PlatformConfig, PlatformConfig>? Change, GatewayError? Error) Update(PlatformUpdateRequest request, JsonElement root, string? rename, IPlatformPresets presets, IEnumerable<IProviderKind> kinds)
    {
        if (rename is not null && string.IsNullOrWhiteSpace(rename))
        {
            return (null, JsonRequest.Invalid("name", "'name' must not be empty."));
        }

        var (preset, presetError) = FindPreset(request.Preset, presets);
        if (presetError is not null)
        {
            return (null, presetError);
        }

        var (kind, kindError) = CheckKind(request.Kind, kinds);
        if (kindError is not null)
        {
            return (null, kindError);
        }

        if (request.BaseUrl is not null && string.IsNullOrWhiteSpace(request.BaseUrl))
        {
            return (null, JsonRequest.Invalid("base_url", "'base_url' must not be empty."));
        }

        var (extraBody, extraError) = ExtraBody(request.ExtraBody);
        if (extraError is not null)
        {
            return (null, extraError);
        }

        var clearExtraBody = JsonRequest.Has(root, "extra_body") && extraBody is null;
        return (current => current with
        {
            Name = rename?.Trim() ?? current.Name,
            BaseUrl = request.BaseUrl?.Trim().TrimEnd('/') ?? FollowPreset(current, preset, presets),
            Kind = kind ?? (preset is not null && request.Kind is null ? preset.Kind : current.Kind),
            Preset = preset?.Name ?? current.Preset,
            Enabled = request.Enabled ?? current.Enabled,
            ExtraBodyJson = clearExtraBody ? null : extraBody ?? current.ExtraBodyJson,
        }, null);
    }

    /// <summary>Reads the keys an update supplies: <c>api_key</c>, or <c>api_keys</c> (<c>[]</c> removes the owner's keys); null when it supplies none.</summary>
    public static (IReadOnlyList<string>? Keys, GatewayError? Error) Keys(PlatformUpdateRequest request, JsonElement root)
    {
        var hasKey = JsonRequest.Has(root, "api_key");
        var hasKeys = JsonRequest.Has(root, "api_keys");
        if (hasKey && hasKeys)
        {
            return (null, JsonRequest.Invalid("api_keys", "Give 'api_key' or 'api_keys', not both."));
        }

        if (hasKey)
        {
            return string.IsNullOrWhiteSpace(request.ApiKey)
                ? (null, JsonRequest.Invalid("api_key", "'api_key' must not be empty; send \"api_keys\": [] to remove the keys."))
                : ([request.ApiKey.Trim()], null);
        }

        if (!hasKeys)
        {
            return (null, null);
        }

        if (request.ApiKeys is not { } keys || keys.Any(string.IsNullOrWhiteSpace))
        {
            return (null, JsonRequest.Invalid("api_keys", "'api_keys' must be a list of non-empty keys ([] for none)."));
        }

        return ([.. keys.Select(k => k!.Trim())], null);
    }

    /// <summary>Reads a <c>models</c> map: display name to upstream name, or to <c>{"model_name", "extra_body"}</c>.</summary>
    public static (IReadOnlyList<PlatformModelConfig> Models, GatewayError? Error) Models(JsonElement? element)
    {
        if (element is not { ValueKind: not JsonValueKind.Null } models)
        {
            return ([], null);
        }

        if (models.ValueKind != JsonValueKind.Object)
        {
            return ([], JsonRequest.Invalid("models", "'models' must be an object mapping display names to upstream model names."));
        }

        var result = new List<PlatformModelConfig>();
        foreach (var property in models.EnumerateObject())
        {
            var display = property.Name.Trim();
            string? upstream = null;
            string? extraBody = null;
            string? type = null;
            Func<PlatformModelConfig, PlatformModelConfig> prices = static m => m;
            if (property.Value.ValueKind == JsonValueKind.String)
            {
                upstream = property.Value.GetString();
            }
            else if (property.Value.ValueKind == JsonValueKind.Object)
            {
                if (property.Value.TryGetProperty("model_name", out var name) && name.ValueKind == JsonValueKind.String)
                {
                    upstream = name.GetString();
                }

                if (property.Value.TryGetProperty("extra_body", out var extra))
                {
                    var (text, error) = ExtraBody(extra);
                    if (error is not null)
                    {
                        return ([], error with { Param = $"models.{display}.extra_body" });
                    }

                    extraBody = text;
                }

                var typeError = ReadType(property.Value, $"models.{display}", out type);
                if (typeError is not null)
                {
                    return ([], typeError);
                }

                var (read, priceError) = ModelPriceFields.Read(property.Value, $"models.{display}");
                if (priceError is not null)
                {
                    return ([], priceError);
                }

                prices = read!;
            }

            if (display.Length == 0 || string.IsNullOrWhiteSpace(upstream))
            {
                return ([], JsonRequest.Invalid("models", $"'models.{display}' must name an upstream model (a string, or an object with 'model_name')."));
            }

            if (result.Any(m => string.Equals(m.DisplayName, display, StringComparison.Ordinal)))
            {
                return ([], JsonRequest.Invalid("models", $"'models' names '{display}' twice."));
            }

            upstream = upstream.Trim();
            result.Add(prices(new PlatformModelConfig { DisplayName = display, UpstreamModel = upstream, ExtraBodyJson = extraBody, Type = type ?? ModelTypes.Infer(upstream) }));
        }

        return (result, null);
    }

    /// <summary>Reads a model's declared type from <c>type</c> (<c>chat</c> or <c>embedding</c>) or the classic <c>is_embedding</c> flag; <paramref name="type"/> is null when the model declares none.</summary>
    public static GatewayError? ReadType(JsonElement model, string? path, out string? type)
    {
        type = null;
        var prefix = path is null ? "" : path + ".";
        if (model.TryGetProperty("type", out var declared) && declared.ValueKind != JsonValueKind.Null)
        {
            type = declared.ValueKind == JsonValueKind.String ? ModelTypes.Parse(declared.GetString()) : null;
            return type is null ? JsonRequest.Invalid($"{prefix}type", $"'{prefix}type' must be 'chat' or 'embedding'.") : null;
        }

        if (model.TryGetProperty("is_embedding", out var flag) && flag.ValueKind != JsonValueKind.Null)
        {
            if (flag.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                return JsonRequest.Invalid($"{prefix}is_embedding", $"'{prefix}is_embedding' must be a boolean.");
            }

            type = flag.ValueKind == JsonValueKind.True ? ModelTypes.Embedding : ModelTypes.Chat;
        }

        return null;
    }

    /// <summary>Returns an <c>extra_body</c> value as JSON object text; null (or <c>{}</c>) means none.</summary>
    public static (string? Json, GatewayError? Error) ExtraBody(JsonElement? element)
    {
        if (element is not { ValueKind: not JsonValueKind.Null } value)
        {
            return (null, null);
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            return (null, JsonRequest.Invalid("extra_body", "'extra_body' must be a JSON object."));
        }

        return value.EnumerateObject().Any() ? (value.GetRawText(), null) : (null, null);
    }

    private static (PlatformPreset? Preset, GatewayError? Error) FindPreset(string? name, IPlatformPresets presets)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return (null, null);
        }

        return presets.Find(name.Trim()) is { } preset
            ? (preset, null)
            : (null, JsonRequest.Invalid("preset", $"Unknown preset '{name.Trim()}'; known presets: {string.Join(", ", presets.All.Select(p => p.Name).Order(StringComparer.Ordinal))}."));
    }

    private static (string? Kind, GatewayError? Error) CheckKind(string? kind, IEnumerable<IProviderKind> kinds)
    {
        if (string.IsNullOrWhiteSpace(kind))
        {
            return (null, null);
        }

        // Unlike the platforms file, which only warns (a plugin may register the kind later), a live change must name a kind that can serve now.
        var name = kind.Trim().ToLowerInvariant();
        var known = kinds.Select(k => k.Name).ToList();
        return known.Contains(name, StringComparer.OrdinalIgnoreCase)
            ? (name, null)
            : (null, JsonRequest.Invalid("kind", $"Unknown kind '{name}'; known kinds: {string.Join(", ", known.Order(StringComparer.Ordinal))}."));
    }

    // A base URL that came from the old preset follows a new preset, as on creation; one the owner chose stays. When it
    // follows, the host may change, and the platform's keys then obey KeyHostRule like any base URL change.
    private static string FollowPreset(PlatformConfig current, PlatformPreset? preset, IPlatformPresets presets)
    {
        if (preset is null || string.IsNullOrEmpty(preset.BaseUrl) || current.Preset is null || presets.Find(current.Preset) is not { } old)
        {
            return current.BaseUrl;
        }

        return string.Equals(old.BaseUrl.TrimEnd('/'), current.BaseUrl.TrimEnd('/'), StringComparison.OrdinalIgnoreCase)
            ? preset.BaseUrl.TrimEnd('/')
            : current.BaseUrl;
    }

    private static PlatformPreset? MatchPreset(string baseUrl, string? kind, IPlatformPresets presets)
    {
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri))
        {
            return null;
        }

        // A vendor's URL spoken to with another protocol must not pick up that vendor's quirks (as in the platforms file).
        var matched = presets.MatchBaseUrl(uri);
        return matched is not null && (kind is null || string.Equals(kind, matched.Kind, StringComparison.OrdinalIgnoreCase)) ? matched : null;
    }
}
