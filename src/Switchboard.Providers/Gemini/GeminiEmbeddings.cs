using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Switchboard.Abstractions.Chat;
using Switchboard.Abstractions.Providers;
using Switchboard.Abstractions.Usage;
using Switchboard.Providers.Embeddings;
using Switchboard.Providers.Http;

namespace Switchboard.Providers.Gemini;

/// <summary>Translates OpenAI embeddings calls to Gemini <c>batchEmbedContents</c> and back.</summary>
/// <remarks>
/// Each input string becomes one request with <c>outputDimensionality</c> from <c>dimensions</c>; the
/// platform's and model's extra body (for example <c>taskType</c>) fill each request's missing fields.
/// Token-id inputs cannot be sent to Gemini and are refused. Gemini reports no token usage for embeddings,
/// so the usage source is <see cref="UsageSource.None"/> unless a <c>usageMetadata</c> comes back.
/// </remarks>
internal static class GeminiEmbeddings
{
    public static async ValueTask<UpstreamResult<EmbeddingResult>> EmbedAsync(UpstreamHttpClients clients, EmbeddingCall call, CancellationToken cancellationToken)
    {
        var target = call.Target;
        var platform = target.Endpoint.PlatformName;
        using var body = new PooledBufferWriter(call.Body.Length + 256);
        var (base64, invalid) = ToGeminiBatch(call.Body, target, body);
        if (invalid is not null)
        {
            return invalid;
        }

        var url = GeminiUrls.BatchEmbed(target.Endpoint, target.UpstreamModel);
        using var request = GeminiSender.CreateRequest(HttpMethod.Post, url, target, body);
        var (response, error) = await GeminiSender.SendAsync(clients.For(target.Endpoint, url), request, platform, call.Timeouts.FirstByte, cancellationToken, idempotent: true).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        using (response)
        {
            var (json, readError) = await UpstreamSender.ReadBodyAsync(response!, platform, call.Timeouts.Body, call.Limits.MaxResponseBytes, idempotent: true, cancellationToken).ConfigureAwait(false);
            return readError ?? FromGeminiBatch(json!, target.UpstreamModel, base64, platform);
        }
    }

    private static (bool Base64, UpstreamError? Error) ToGeminiBatch(ReadOnlyMemory<byte> body, UpstreamTarget target, PooledBufferWriter output)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            var inputs = new List<string>();
            var input = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("input", out var i) ? i : default;
            if (input.ValueKind == JsonValueKind.String)
            {
                inputs.Add(input.GetString()!);
            }
            else if (input.ValueKind == JsonValueKind.Array && input.GetArrayLength() > 0 && input.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String))
            {
                inputs.AddRange(input.EnumerateArray().Select(e => e.GetString()!));
            }
            else
            {
                return (false, GeminiJson.Invalid("input", "'input' must be a string or a non-empty array of strings for Gemini platforms (token ids are not supported)."));
            }

            var format = GeminiJson.StringOf(root, "encoding_format");
            if (format is not (null or "float" or "base64"))
            {
                return (false, GeminiJson.Invalid("encoding_format", $"'encoding_format' '{format}' is not supported; use 'float' or 'base64'."));
            }

            var dimensions = GeminiJson.TryGet(root, "dimensions", out var d) ? d : (JsonElement?)null;
            var requests = new JsonArray();
            foreach (var text in inputs)
            {
                var entry = new JsonObject
                {
                    ["model"] = GeminiUrls.ResourceName(target.UpstreamModel),
                    ["content"] = new JsonObject { ["parts"] = new JsonArray(new JsonObject { ["text"] = text }) },
                };
                if (dimensions is { } value)
                {
                    entry["outputDimensionality"] = GeminiJson.ToNode(value);
                }

                GeminiRequestMapper.MergeMissing(entry, target.ExtraBody);
                GeminiRequestMapper.MergeMissing(entry, target.Endpoint.ExtraBody);
                requests.Add((JsonNode)entry);
            }

            using var writer = new Utf8JsonWriter(output, GeminiToolCallWriter.ClientJson);
            new JsonObject { ["requests"] = requests }.WriteTo(writer);
            return (format == "base64", null);
        }
        catch (JsonException)
        {
            return (false, GeminiJson.Invalid("body", "The request body is not valid JSON."));
        }
    }

    private static UpstreamResult<EmbeddingResult> FromGeminiBatch(byte[] json, string model, bool base64, string platform)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("embeddings", out var embeddings) || embeddings.ValueKind != JsonValueKind.Array)
            {
                return UpstreamErrorFactory.Malformed(platform, "the embeddings response has no embeddings array");
            }

            var tokens = root.TryGetProperty("usageMetadata", out var usage) && usage.TryGetProperty("promptTokenCount", out var count)
                && count.TryGetInt64(out var reported) ? reported : (long?)null;
            var output = new PooledBufferWriter(json.Length + 256);
            using (output)
            {
                using (var writer = new Utf8JsonWriter(output, GeminiToolCallWriter.ClientJson))
                {
                    writer.WriteStartObject();
                    writer.WriteString("object"u8, "list"u8);
                    writer.WriteStartArray("data"u8);
                    var index = 0;
                    foreach (var embedding in embeddings.EnumerateArray())
                    {
                        if (!embedding.TryGetProperty("values", out var values) || values.ValueKind != JsonValueKind.Array)
                        {
                            return UpstreamErrorFactory.Malformed(platform, "an embedding has no values");
                        }

                        writer.WriteStartObject();
                        writer.WriteString("object"u8, "embedding"u8);
                        writer.WriteNumber("index"u8, index++);
                        WriteVector(writer, values, base64);
                        writer.WriteEndObject();
                    }

                    writer.WriteEndArray();
                    writer.WriteString("model"u8, model);
                    writer.WriteStartObject("usage"u8);
                    writer.WriteNumber("prompt_tokens"u8, tokens ?? 0);
                    writer.WriteNumber("total_tokens"u8, tokens ?? 0);
                    writer.WriteEndObject();
                    writer.WriteEndObject();
                }

                return new EmbeddingResult
                {
                    Json = output.WrittenSpan.ToArray(),
                    Usage = new TokenUsage(tokens ?? 0, 0),
                    UsageSource = tokens is null ? UsageSource.None : UsageSource.Reported,
                };
            }
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            return UpstreamErrorFactory.Malformed(platform, "the embeddings response is not valid JSON");
        }
    }

    private static void WriteVector(Utf8JsonWriter writer, JsonElement values, bool base64)
    {
        if (!base64)
        {
            writer.WriteStartArray("embedding"u8);
            foreach (var value in values.EnumerateArray())
            {
                // Copy Gemini's number text as is: re-formatting a float could change its last digits.
                writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(value), skipInputValidation: true);
            }

            writer.WriteEndArray();
            return;
        }

        var floats = new float[values.GetArrayLength()];
        var index = 0;
        foreach (var value in values.EnumerateArray())
        {
            floats[index++] = value.GetSingle();
        }

        EmbeddingEncoding.WriteBase64Vector(writer, floats);
    }
}
