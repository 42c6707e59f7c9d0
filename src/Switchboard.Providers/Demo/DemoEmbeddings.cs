using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Switchboard.Abstractions.Providers;
using Switchboard.Abstractions.Usage;
using Switchboard.Providers.Embeddings;

namespace Switchboard.Providers.Demo;

/// <summary>Answers the demo embedding model: a deterministic unit vector per input, as floats or base64 as the body asks.</summary>
internal static class DemoEmbeddings
{
    private const int Dimensions = 16;

    /// <summary>Embeds every input of an OpenAI embeddings body (already validated by the gateway).</summary>
    public static EmbeddingResult Embed(ReadOnlyMemory<byte> body, string model)
    {
        using var doc = JsonDocument.Parse(body);
        var inputs = new List<string>();
        var input = doc.RootElement.GetProperty("input");
        if (input.ValueKind == JsonValueKind.Array)
        {
            inputs.AddRange(input.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() ?? "" : e.GetRawText()));
        }
        else
        {
            inputs.Add(input.ValueKind == JsonValueKind.String ? input.GetString() ?? "" : input.GetRawText());
        }

        var base64 = EmbeddingEncoding.AsksBase64(body.Span);
        var tokens = inputs.Sum(i => Math.Max(1, (i.Length + 3) / 4));
        var output = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(output))
        {
            writer.WriteStartObject();
            writer.WriteString("object", "list");
            writer.WriteStartArray("data");
            for (var i = 0; i < inputs.Count; i++)
            {
                writer.WriteStartObject();
                writer.WriteString("object", "embedding");
                writer.WriteNumber("index", i);
                var vector = Vector(inputs[i]);
                if (base64)
                {
                    EmbeddingEncoding.WriteBase64Vector(writer, vector);
                }
                else
                {
                    writer.WriteStartArray("embedding");
                    foreach (var value in vector)
                    {
                        writer.WriteNumberValue(value);
                    }

                    writer.WriteEndArray();
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteString("model", model);
            writer.WriteStartObject("usage");
            writer.WriteNumber("prompt_tokens", tokens);
            writer.WriteNumber("total_tokens", tokens);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return new EmbeddingResult { Json = output.WrittenSpan.ToArray(), Usage = new TokenUsage(tokens, 0), UsageSource = UsageSource.Reported };
    }

    /// <summary>Derives a unit-length vector from the text's hash: same text, same vector.</summary>
    private static float[] Vector(string text)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        var vector = new float[Dimensions];
        double norm = 0;
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] = (hash[i] - 127.5f) / 127.5f;
            norm += vector[i] * vector[i];
        }

        var scale = (float)(1 / Math.Sqrt(norm));
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] *= scale;
        }

        return vector;
    }
}
