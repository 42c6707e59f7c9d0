namespace Switchboard.Abstractions.Configuration;

/// <summary>Decides whether a change of a platform's base URL takes its stored keys to another host, which must never happen.</summary>
/// <remarks>
/// <para>
/// A key is given for one origin: scheme, host and port. A base URL that keeps the origin and changes only the path
/// (<c>https://api.example.com/v1</c> to <c>https://api.example.com/v2</c>) reaches the same server operator, so the keys
/// stay. Anything else is a new host: another host name, another port, or another scheme (<c>https</c> to <c>http</c> would
/// send the key in clear text). Host names compare without case and without a trailing dot; a missing port is the
/// scheme's default, so <c>https://h</c> and <c>https://h:443</c> are one origin. Two spellings of one address
/// (<c>localhost</c> and <c>127.0.0.1</c>) count as different hosts: the rule never guesses that two names meet.
/// A URL that is not an absolute http(s) URL matches only its identical text.
/// </para>
/// <para>
/// Every path that changes a base URL asks this rule: the platform REST routes (a new host needs its keys in the same
/// request, else 400 <c>api_key_required_for_new_host</c>) and the platforms-file reset (the file's keys replace the
/// stored ones and users' own keys for a moved platform are dropped).
/// </para>
/// </remarks>
public static class KeyHostRule
{
    /// <summary>The error code of a base URL change that would move stored keys to a new host.</summary>
    public const string KeyRequiredCode = "api_key_required_for_new_host";

    /// <summary>Returns true when keys stored for <paramref name="fromBaseUrl"/> must not be sent to <paramref name="toBaseUrl"/>.</summary>
    public static bool MovesKeys(string? fromBaseUrl, string? toBaseUrl)
    {
        var from = Origin(fromBaseUrl);
        var to = Origin(toBaseUrl);
        if (from is null || to is null)
        {
            return !string.Equals(fromBaseUrl?.Trim(), toBaseUrl?.Trim(), StringComparison.Ordinal);
        }

        return from != to;
    }

    /// <summary>Returns the origin (<c>scheme://host:port</c>, lower case, with the port always written) of a base URL, or null when it is not an absolute http(s) URL.</summary>
    public static string? Origin(string? baseUrl)
    {
        if (string.IsNullOrWhiteSpace(baseUrl)
            || !Uri.TryCreate(baseUrl.Trim(), UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || uri.HostNameType == UriHostNameType.Unknown)
        {
            return null;
        }

        var host = uri.IdnHost.TrimEnd('.').ToLowerInvariant();
        return $"{uri.Scheme}://{host}:{uri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
    }
}
