using Switchboard.Abstractions.Chat;

namespace Switchboard.Server.Http;

/// <summary>Tells which client protocol a request speaks from its path and headers, so that every answer the gateway itself writes (auth, limits, bad bodies) comes in that protocol's shape.</summary>
internal static class ClientProtocolRoutes
{
    /// <summary>Returns the client protocol of <paramref name="context"/>'s request, one of <see cref="ClientProtocols"/>.</summary>
    public static string Of(HttpContext context)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/v1/messages"))
        {
            return ClientProtocols.AnthropicMessages;
        }

        if (path.StartsWithSegments("/v1beta"))
        {
            return ClientProtocols.Gemini;
        }

        if (path.StartsWithSegments("/v1/responses"))
        {
            return ClientProtocols.OpenAIResponses;
        }

        if (path.StartsWithSegments("/v1/models") && context.Request.Headers.ContainsKey("anthropic-version"))
        {
            // Anthropic's SDKs list models on the same path as OpenAI's and always send their version header.
            return ClientProtocols.AnthropicMessages;
        }

        return path.StartsWithSegments("/api/v1/chat") ? ClientProtocols.Classic : ClientProtocols.OpenAIChat;
    }

    /// <summary>Returns the caller's credential as an <c>Authorization</c> value: the bearer header, else the header (or, for Gemini, the <c>key</c> query parameter) that the request's protocol sends its key in.</summary>
    public static string? Credential(HttpContext context)
    {
        var headers = context.Request.Headers;
        var authorization = headers.Authorization.ToString();
        if (authorization.Length > 0)
        {
            return authorization;
        }

        // Anthropic's clients send x-api-key, Google's x-goog-api-key or ?key=; each is a bare key.
        var key = headers["x-api-key"].ToString();
        if (key.Length == 0)
        {
            key = headers["x-goog-api-key"].ToString();
        }

        if (key.Length == 0 && context.Request.Path.StartsWithSegments("/v1beta"))
        {
            key = context.Request.Query["key"].ToString();
        }

        return key.Length == 0 ? null : "Bearer " + key;
    }
}
