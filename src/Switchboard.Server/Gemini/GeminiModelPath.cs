using Microsoft.AspNetCore.Http.Features;

namespace Switchboard.Server.Gemini;

/// <summary>Reads the model id and method from a <c>/v1beta/models/{model}:{method}</c> path as Google's clients send it.</summary>
/// <remarks>
/// The model id may hold <c>/</c> (<c>qwen/通义flash</c>), raw or percent-encoded as <c>%2F</c>, and <c>:</c> (a usage
/// slot); ASP.NET's decoded path keeps <c>%2F</c> encoded, so the id is read from the raw request target and decoded
/// once. The method is what follows the last <c>:</c>. A doubled <c>models/</c> prefix, which some clients send, is dropped.
/// </remarks>
internal readonly record struct GeminiModelPath(string Model, string Method)
{
    private const string Prefix = "/v1beta/models/";

    /// <summary>Gets the method for a non-streamed answer.</summary>
    public const string Generate = "generateContent";

    /// <summary>Gets the method for a streamed answer.</summary>
    public const string StreamGenerate = "streamGenerateContent";

    /// <summary>Gets the method that counts tokens.</summary>
    public const string CountTokens = "countTokens";

    /// <summary>Reads the path of <paramref name="context"/>'s request; with <paramref name="withMethod"/> false (a model lookup) the whole rest is the model.</summary>
    public static GeminiModelPath Of(HttpContext context, string routeValue, bool withMethod = true)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? "";
        var query = raw.IndexOf('?', StringComparison.Ordinal);
        var path = query >= 0 ? raw[..query] : raw;
        var rest = path.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) ? path[Prefix.Length..] : routeValue;
        rest = Uri.UnescapeDataString(rest);
        while (rest.StartsWith("models/", StringComparison.Ordinal))
        {
            rest = rest["models/".Length..];
        }

        var colon = withMethod ? rest.LastIndexOf(':') : -1;
        return colon < 0 ? new GeminiModelPath(rest, "") : new GeminiModelPath(rest[..colon], rest[(colon + 1)..]);
    }
}
