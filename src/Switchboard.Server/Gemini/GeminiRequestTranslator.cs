using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Switchboard.Abstractions.Chat;
using Switchboard.Core.Errors;
using Switchboard.Core.Requests;

namespace Switchboard.Server.Gemini;

/// <summary>Translates a Gemini <c>generateContent</c> body into the canonical request: an OpenAI Chat body that then meets every rule chat completions do.</summary>
/// <remarks>
/// The body is checked first against the rules every client body meets (nesting depth, text .NET can hold), then
/// translated field by field (<see cref="GeminiContentsTranslator"/>, <see cref="GeminiToolsTranslator"/>,
/// <see cref="GeminiConfigTranslator"/>), then parsed by <see cref="ChatRequestParser"/>. Fields with no meaning off
/// Google (<c>safetySettings</c>, <c>cachedContent</c>, <c>labels</c>) are ignored. The client's own body travels as the
/// request's <see cref="NativeRequest"/>.
/// </remarks>
internal static class GeminiRequestTranslator
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = RequestJson.MaxDepth };

    /// <summary>Translates <paramref name="body"/> for <paramref name="model"/>; returns the request or the error to answer with.</summary>
    public static (GeminiRequest? Request, GatewayError? Error) Translate(ReadOnlyMemory<byte> body, string model, bool stream)
    {
        if (RequestJson.Check(body.Span) is { } invalid)
        {
            return (null, invalid);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, DocumentOptions);
        }
        catch (JsonException)
        {
            return (null, RequestJson.Describe(body.Span));
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, GatewayErrors.InvalidRequest("The request body must be a JSON object.", code: "invalid_json"));
            }

            var canonical = new ArrayBufferWriter<byte>(body.Length + 256);
            bool includeThoughts;
            using (var writer = new Utf8JsonWriter(canonical, WriterOptions))
            {
                writer.WriteStartObject();
                writer.WriteString("model"u8, model);
                if (stream)
                {
                    writer.WriteBoolean("stream"u8, true);
                    writer.WriteStartObject("stream_options"u8);
                    writer.WriteBoolean("include_usage"u8, true);
                    writer.WriteEndObject();
                }

                var error = GeminiContentsTranslator.Write(writer, root) ?? GeminiToolsTranslator.Write(writer, root);
                if (error is null)
                {
                    (includeThoughts, error) = GeminiConfigTranslator.Write(writer, root);
                }
                else
                {
                    includeThoughts = false;
                }

                if (error is not null)
                {
                    return (null, error);
                }

                writer.WriteEndObject();
            }

            var native = new NativeRequest { Protocol = ClientProtocols.Gemini, Body = body };
            var (request, parseError) = ChatRequestParser.Parse(canonical.WrittenMemory, native);
            return parseError is not null ? (null, parseError) : (new GeminiRequest(request!, includeThoughts), null);
        }
    }
}
