using System.Text.Json;
using Switchboard.Abstractions.Chat;
using Switchboard.Providers.Http;

namespace Switchboard.Providers.Gemini;

/// <summary>Reads Google RPC errors (<c>{"error":{code,message,status,details}}</c>) into <see cref="UpstreamError"/> values.</summary>
/// <remarks>
/// The shared factory already maps the HTTP status and message; this adds what only Google sends: the
/// canonical <c>status</c> name as the upstream code, the <c>google.rpc.RetryInfo</c> delay when no
/// <c>Retry-After</c> header came, <c>API_KEY_INVALID</c>, which Google reports as a 400, and whether the failure
/// concerns the whole project behind the key (<see cref="UpstreamError.AccountWide"/>): a key blocked or a service
/// disabled for the project (<c>google.rpc.ErrorInfo</c> reasons), or a quota that is not per model
/// (<c>google.rpc.QuotaFailure</c> violations without a model).
/// </remarks>
internal static class GeminiErrors
{
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMinutes(10);

    // ErrorInfo reasons that refuse the key or its project as a whole, whatever model was called.
    private static readonly string[] AccountReasons =
    [
        "API_KEY_SERVICE_BLOCKED", "SERVICE_DISABLED", "CONSUMER_SUSPENDED", "API_KEY_IP_ADDRESS_BLOCKED",
        "API_KEY_HTTP_REFERRER_BLOCKED", "API_KEY_ANDROID_APP_BLOCKED", "API_KEY_IOS_APP_BLOCKED",
    ];

    /// <summary>Maps a canonical Google RPC status name to an error kind, or null when it is unknown.</summary>
    public static UpstreamErrorKind? KindFromStatus(string? status) => status switch
    {
        "INVALID_ARGUMENT" or "FAILED_PRECONDITION" or "OUT_OF_RANGE" => UpstreamErrorKind.InvalidRequest,
        "UNAUTHENTICATED" => UpstreamErrorKind.Authentication,
        "PERMISSION_DENIED" => UpstreamErrorKind.PermissionDenied,
        "NOT_FOUND" or "UNIMPLEMENTED" => UpstreamErrorKind.NotFound,
        "RESOURCE_EXHAUSTED" => UpstreamErrorKind.RateLimited,
        "UNAVAILABLE" => UpstreamErrorKind.Overloaded,
        "DEADLINE_EXCEEDED" => UpstreamErrorKind.Timeout,
        "INTERNAL" or "UNKNOWN" or "DATA_LOSS" or "ABORTED" or "CANCELLED" => UpstreamErrorKind.ServerError,
        _ => null,
    };

    /// <summary>Adds the Google-specific details of an HTTP error body to the error the shared factory built.</summary>
    public static UpstreamError Refine(UpstreamError error, ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return error;
        }

        try
        {
            var reader = new Utf8JsonReader(body);
            using var doc = JsonDocument.ParseValue(ref reader);
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Array && root.GetArrayLength() > 0)
            {
                root = root[0];
            }

            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("error", out var rpc) || rpc.ValueKind != JsonValueKind.Object)
            {
                return error;
            }

            var status = StringOf(rpc, "status");
            var kind = HasReason(rpc, "API_KEY_INVALID") ? UpstreamErrorKind.Authentication : error.Kind;
            return error with
            {
                Kind = kind,
                UpstreamCode = status ?? error.UpstreamCode,
                RetryAfter = error.RetryAfter ?? RetryDelay(rpc),
                AccountWide = error.AccountWide || IsAccountWide(kind, rpc),
            };
        }
        catch (JsonException)
        {
            return error;
        }
    }

    /// <summary>Builds an error from an <c>error</c> object that came inside a 200 body or a stream event.</summary>
    public static UpstreamError FromErrorObject(JsonElement rpc, string platformName)
    {
        if (rpc.ValueKind != JsonValueKind.Object)
        {
            var text = rpc.ValueKind == JsonValueKind.String ? rpc.GetString() : null;
            return new UpstreamError(UpstreamErrorKind.ServerError, text ?? $"Upstream '{platformName}' reported an error.");
        }

        var status = StringOf(rpc, "status");
        var code = rpc.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.Number && c.TryGetInt32(out var number) ? number : 0;
        var kind = HasReason(rpc, "API_KEY_INVALID")
            ? UpstreamErrorKind.Authentication
            : KindFromStatus(status) ?? (code >= 400 ? UpstreamErrorFactory.KindFromStatus(code) : UpstreamErrorKind.ServerError);
        return new UpstreamError(kind, StringOf(rpc, "message") ?? $"Upstream '{platformName}' reported an error mid-stream.")
        {
            UpstreamCode = status ?? (code > 0 ? code.ToString(System.Globalization.CultureInfo.InvariantCulture) : null),
            RetryAfter = RetryDelay(rpc),
            AccountWide = IsAccountWide(kind, rpc),
        };
    }

    /// <summary>Reads <c>retryDelay</c> (a protobuf duration such as <c>"30s"</c>) from a <c>google.rpc.RetryInfo</c> detail.</summary>
    public static TimeSpan? RetryDelay(JsonElement rpc)
    {
        foreach (var detail in Details(rpc))
        {
            if (detail.TryGetProperty("retryDelay", out var delay) && delay.ValueKind == JsonValueKind.String
                && RetryAfterParser.TryParseDuration(delay.GetString(), out var value))
            {
                return value > MaxRetryDelay ? MaxRetryDelay : value;
            }
        }

        return null;
    }

    /// <summary>Returns whether a refusal or quota failure concerns the key's whole project rather than the model called.</summary>
    private static bool IsAccountWide(UpstreamErrorKind kind, JsonElement rpc)
    {
        if (kind == UpstreamErrorKind.PermissionDenied)
        {
            return AccountReasons.Any(reason => HasReason(rpc, reason));
        }

        if (kind != UpstreamErrorKind.RateLimited)
        {
            return false;
        }

        // Per-model quotas name the model in their id ("…PerProjectPerModel…") or dimensions; only a failure whose every
        // violation is project-wide (say, a daily project quota) benches the key for every model.
        var violations = 0;
        foreach (var detail in Details(rpc))
        {
            if (!detail.TryGetProperty("violations", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            foreach (var violation in list.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.Object))
            {
                violations++;
                var quotaId = StringOf(violation, "quotaId") ?? "";
                if (quotaId.Contains("PerModel", StringComparison.Ordinal)
                    || (violation.TryGetProperty("quotaDimensions", out var dimensions) && dimensions.ValueKind == JsonValueKind.Object && dimensions.TryGetProperty("model", out _)))
                {
                    return false;
                }
            }
        }

        return violations > 0;
    }

    private static bool HasReason(JsonElement rpc, string reason)
    {
        foreach (var detail in Details(rpc))
        {
            if (detail.TryGetProperty("reason", out var value) && value.ValueKind == JsonValueKind.String && value.ValueEquals(reason))
            {
                return true;
            }
        }

        return false;
    }

    private static IEnumerable<JsonElement> Details(JsonElement rpc) =>
        rpc.TryGetProperty("details", out var details) && details.ValueKind == JsonValueKind.Array
            ? details.EnumerateArray().Where(d => d.ValueKind == JsonValueKind.Object)
            : [];

    private static string? StringOf(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
