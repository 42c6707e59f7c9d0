namespace Switchboard.Providers.Http;

/// <summary>Builds upstream URLs from a configured base URL.</summary>
internal static class EndpointUrls
{
    /// <summary>Appends a relative path to a base URL, tolerating a trailing slash on the base.</summary>
    public static Uri Append(Uri baseUrl, string path, string? query = null)
    {
        var text = baseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/" + path.TrimStart('/');
        var existingQuery = baseUrl.Query.TrimStart('?');
        var combined = string.Join('&', new[] { existingQuery, query }.Where(q => !string.IsNullOrEmpty(q)));
        return new Uri(combined.Length == 0 ? text : text + "?" + combined);
    }
}
