using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Switchboard.Abstractions.Chat;
using Switchboard.Abstractions.Providers;

namespace Switchboard.Providers.Gemini;

/// <summary>Translates an OpenAI Chat Completions body into a Gemini <c>generateContent</c> body.</summary>
/// <remarks>
/// The body is built as a <see cref="JsonObject"/> so the platform's and model's extra body can be merged in
/// afterwards: a top-level field the translation did not set is added, and an object the translation did set
/// (such as <c>generationConfig</c>) gains only the sub-fields it lacks. Client fields with no Gemini
/// counterpart are dropped when that is harmless (<c>user</c>, <c>metadata</c>, <c>store</c>,
/// <c>parallel_tool_calls</c>, ...); fields whose meaning would be lost are refused by name.
/// </remarks>
internal static class GeminiRequestMapper
{
    // Raw UTF-8 rather than \uXXXX escapes: a CJK prompt would otherwise travel at twice its size.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes the Gemini body to <paramref name="output"/>, or returns why the request cannot be translated.</summary>
    public static UpstreamError? ToGeminiRequest(ReadOnlyMemory<byte> body, UpstreamTarget target, IBufferWriter<byte> output)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return GeminiJson.Invalid("body", "The request body is not valid JSON.");
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return GeminiJson.Invalid("body", "The request body must be a JSON object.");
            }

            var options = GeminiRequestOptions.For(target.Endpoint);
            var request = new JsonObject();
            var error = RejectUnsupported(root)
                ?? GeminiContentMapper.ToGeminiContents(root, request, options)
                ?? GeminiToolMapper.ToGeminiTools(root, request, options)
                ?? GeminiGenerationConfigMapper.ToGeminiGenerationConfig(root, request);
            if (error is not null)
            {
                return error;
            }

            // The model's extra body wins over the platform's; both yield to what the translation set.
            MergeMissing(request, target.ExtraBody);
            MergeMissing(request, target.Endpoint.ExtraBody);
            using var writer = new Utf8JsonWriter(output, WriterOptions);
            request.WriteTo(writer);
        }

        return null;
    }

    private static UpstreamError? RejectUnsupported(JsonElement root)
    {
        if (root.TryGetProperty("logprobs", out var logprobs) && logprobs.ValueKind == JsonValueKind.True)
        {
            return GeminiJson.Invalid("logprobs", "'logprobs' is not supported by Gemini platforms.");
        }

        if (GeminiJson.TryGet(root, "top_logprobs", out _))
        {
            return GeminiJson.Invalid("top_logprobs", "'top_logprobs' is not supported by Gemini platforms.");
        }

        if (root.TryGetProperty("logit_bias", out var bias) && bias.ValueKind == JsonValueKind.Object && bias.EnumerateObject().Any())
        {
            return GeminiJson.Invalid("logit_bias", "'logit_bias' is not supported by Gemini platforms.");
        }

        if (GeminiJson.TryGet(root, "functions", out _) || GeminiJson.TryGet(root, "function_call", out _))
        {
            return GeminiJson.Invalid("functions", "The legacy 'functions' and 'function_call' fields are not supported; use 'tools' and 'tool_choice'.");
        }

        if (GeminiJson.TryGet(root, "audio", out _))
        {
            return GeminiJson.Invalid("audio", "Audio output ('audio') is not supported by Gemini platforms.");
        }

        return null;
    }

    /// <summary>Adds the fields of <paramref name="extra"/> that <paramref name="target"/> lacks, descending into objects both have.</summary>
    public static void MergeMissing(JsonObject target, JsonElement? extra)
    {
        if (extra is not { ValueKind: JsonValueKind.Object } values)
        {
            return;
        }

        foreach (var property in values.EnumerateObject())
        {
            if (!target.TryGetPropertyValue(property.Name, out var existing))
            {
                target[property.Name] = JsonNode.Parse(property.Value.GetRawText());
            }
            else if (existing is JsonObject existingObject && property.Value.ValueKind == JsonValueKind.Object)
            {
                MergeMissing(existingObject, property.Value);
            }
        }
    }
}
