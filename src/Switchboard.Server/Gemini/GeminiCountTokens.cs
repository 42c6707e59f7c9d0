using System.Text;
using System.Text.Json;
using Switchboard.Core.Errors;
using Switchboard.Core.Requests;

namespace Switchboard.Server.Gemini;

/// <summary>Reads a <c>countTokens</c> body: <c>contents</c> (with the rest of a request) or a whole <c>generateContentRequest</c>.</summary>
internal static class GeminiCountTokens
{
    /// <summary>Translates the body to the canonical request whose prompt is counted.</summary>
    public static (GeminiRequest? Request, GatewayError? Error) Translate(ReadOnlyMemory<byte> body, string model)
    {
        if (RequestJson.Check(body.Span) is { } invalid)
        {
            return (null, invalid);
        }

        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = RequestJson.MaxDepth });
            if (GeminiFields.TryGet(document.RootElement, "generateContentRequest", "generate_content_request", out var inner))
            {
                if (inner.ValueKind != JsonValueKind.Object)
                {
                    return (null, GeminiFields.Invalid("generateContentRequest", "'generateContentRequest' must be an object."));
                }

                return GeminiRequestTranslator.Translate(Encoding.UTF8.GetBytes(inner.GetRawText()), model, stream: false);
            }
        }
        catch (JsonException)
        {
            return (null, RequestJson.Describe(body.Span));
        }

        return GeminiRequestTranslator.Translate(body, model, stream: false);
    }
}
