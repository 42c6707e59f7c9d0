namespace Switchboard.Providers.Probing;

/// <summary>Turns the base URL a user typed into the URL of its OpenAI-compatible model list.</summary>
internal static class ModelsEndpoint
{
    /// <summary>
    /// Uses a URL already ending in <c>/models</c> as is; appends <c>/models</c> when the path already names an API
    /// version (<c>/v1</c>, <c>/api/paas/v4</c>, <c>/compatible-mode/v1</c>, <c>/v1beta/openai</c>); appends
    /// <c>/v1/models</c> otherwise. The query string is kept; the fragment is dropped.
    /// </summary>
    public static Uri Resolve(Uri baseUrl)
    {
        var path = baseUrl.AbsolutePath.TrimEnd('/');
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        string suffix;
        if (segments.Length > 0 && segments[^1].Equals("models", StringComparison.OrdinalIgnoreCase))
        {
            suffix = "";
        }
        else if (segments.Any(IsVersionSegment))
        {
            // A version anywhere in the path means the user typed the API root, e.g. Gemini's /v1beta/openai.
            suffix = "/models";
        }
        else
        {
            suffix = "/v1/models";
        }

        var root = baseUrl.GetLeftPart(UriPartial.Authority);
        return new Uri(root + path + suffix + baseUrl.Query);
    }

    /// <summary>Gets whether a path segment names an API version: <c>v</c>, digits, then optionally <c>alpha</c>/<c>beta</c> and digits.</summary>
    internal static bool IsVersionSegment(string segment)
    {
        if (segment.Length < 2 || (segment[0] != 'v' && segment[0] != 'V') || !char.IsAsciiDigit(segment[1]))
        {
            return false;
        }

        var rest = segment.AsSpan(1).TrimStart("0123456789");
        if (rest.StartsWith("alpha", StringComparison.OrdinalIgnoreCase))
        {
            rest = rest[5..];
        }
        else if (rest.StartsWith("beta", StringComparison.OrdinalIgnoreCase))
        {
            rest = rest[4..];
        }
        else
        {
            return rest.IsEmpty;
        }

        return rest.TrimStart("0123456789").IsEmpty;
    }
}
