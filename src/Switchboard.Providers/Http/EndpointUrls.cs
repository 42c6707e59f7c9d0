using System.Collections.Concurrent;

namespace Switchboard.Providers.Http;

/// <summary>Builds upstream URLs from a configured base URL.</summary>
/// <remarks>
/// Every request to a platform asks for the same few URLs (a base URL, an operation, a model), so built URLs are kept:
/// building one parses a string into a <see cref="Uri"/>, and the kept instance also keeps what <see cref="Uri"/>
/// computes lazily (its host). The cache is bounded; past the bound URLs are built each time.
/// </remarks>
internal static class EndpointUrls
{
    /// <summary>More distinct URLs than configured platforms and models produce; a bound, not a working size.</summary>
    private const int MaxKept = 4096;

    // Keyed by the base URL's text: Uri equality ignores user info and the host's case, which must not merge two platforms.
    private static readonly ConcurrentDictionary<(string BaseUrl, string Path, string? Query), Uri> Built = new();

    /// <summary>Appends a relative path to a base URL, tolerating a trailing slash on the base.</summary>
    public static Uri Append(Uri baseUrl, string path, string? query = null)
    {
        var key = (baseUrl.OriginalString, path, query);
        if (Built.TryGetValue(key, out var url))
        {
            return url;
        }

        url = Build(baseUrl, path, query);
        if (Built.Count < MaxKept)
        {
            Built.TryAdd(key, url);
        }

        return url;
    }

    private static Uri Build(Uri baseUrl, string path, string? query)
    {
        var text = baseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/" + path.TrimStart('/');
        var existingQuery = baseUrl.Query.TrimStart('?');
        var combined = string.Join('&', new[] { existingQuery, query }.Where(q => !string.IsNullOrEmpty(q)));
        return new Uri(combined.Length == 0 ? text : text + "?" + combined);
    }
}
