using System.Globalization;
using Switchboard.Core.Errors;
using Switchboard.Server.Http;

namespace Switchboard.Server.Admin;

/// <summary>Reads the query parameters the admin list routes share: ISO 8601 times, a bounded limit and a numeric cursor.</summary>
internal static class AdminQuery
{
    /// <summary>Returns the first of several parameter checks that failed, or null; every check runs, so every out value is set.</summary>
    public static GatewayError? FirstError(params ReadOnlySpan<GatewayError?> checks)
    {
        foreach (var error in checks)
        {
            if (error is not null)
            {
                return error;
            }
        }

        return null;
    }

    /// <summary>Reads an optional ISO 8601 time (a time without an offset is UTC); a bad one is a 400 naming the parameter.</summary>
    public static GatewayError? Time(string? text, string name, out DateTimeOffset? value)
    {
        value = null;
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return JsonRequest.Invalid(name, $"'{name}' must be an ISO 8601 time, e.g. 2026-01-31T08:00:00Z.");
        }

        value = parsed;
        return null;
    }

    /// <summary>Reads an optional limit from 1 to <paramref name="max"/>, <paramref name="fallback"/> when absent.</summary>
    public static GatewayError? Limit(string? text, int fallback, int max, out int value)
    {
        value = fallback;
        return string.IsNullOrEmpty(text) || (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= 1 && value <= max)
            ? null
            : JsonRequest.Invalid("limit", $"'limit' must be a whole number from 1 to {max}.");
    }

    /// <summary>Reads an optional positive whole number, such as a paging cursor.</summary>
    public static GatewayError? Id(string? text, string name, out long? value)
    {
        value = null;
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed < 1)
        {
            return JsonRequest.Invalid(name, $"'{name}' must be a positive whole number.");
        }

        value = parsed;
        return null;
    }
}
