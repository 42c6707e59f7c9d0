using System.Buffers;
using System.Text.Json;

namespace Switchboard.Providers.Demo;

/// <summary>Writes the demo model's OpenAI-shaped response bodies and chunks.</summary>
internal static class DemoChunkWriter
{
    // Relaxed escaping keeps quotes and non-ASCII text readable; the output is still valid JSON.
    private static readonly JsonWriterOptions Options = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Completion(DemoScript script, string id, string model, long created)
    {
        var output = new ArrayBufferWriter<byte>(512);
        using var writer = new Utf8JsonWriter(output, Options);
        writer.WriteStartObject();
        WriteEnvelope(writer, id, model, created, "chat.completion");
        writer.WriteStartArray("choices");
        writer.WriteStartObject();
        writer.WriteNumber("index", 0);
        writer.WriteStartObject("message");
        writer.WriteString("role", "assistant");
        if (script.ToolCallName is null)
        {
            writer.WriteString("content", string.Concat(script.Pieces));
        }
        else
        {
            writer.WriteNull("content");
            WriteToolCalls(writer, id, script, includeIndex: false);
        }

        writer.WriteEndObject();
        writer.WriteString("finish_reason", script.FinishReason);
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteStartObject("usage");
        writer.WriteNumber("prompt_tokens", script.InputTokens);
        writer.WriteNumber("completion_tokens", script.OutputTokens);
        writer.WriteNumber("total_tokens", script.InputTokens + script.OutputTokens);
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.Flush();
        return output.WrittenSpan.ToArray();
    }

    /// <summary>Writes one chunk: the role chunk (piece -1), a content piece, a tool call, or the finish chunk.</summary>
    public static void Chunk(IBufferWriter<byte> output, DemoScript script, string id, string model, long created, int piece)
    {
        "data: "u8.CopyTo(output.GetSpan(6));
        output.Advance(6);
        using (var writer = new Utf8JsonWriter(output, Options))
        {
            writer.WriteStartObject();
            WriteEnvelope(writer, id, model, created, "chat.completion.chunk");
            writer.WriteStartArray("choices");
            writer.WriteStartObject();
            writer.WriteNumber("index", 0);
            writer.WriteStartObject("delta");
            var finish = false;
            if (piece < 0)
            {
                writer.WriteString("role", "assistant");
                writer.WriteString("content", "");
            }
            else if (piece < script.Pieces.Count)
            {
                writer.WriteString("content", script.Pieces[piece]);
            }
            else if (script.ToolCallName is not null && piece == script.Pieces.Count)
            {
                WriteToolCalls(writer, id, script, includeIndex: true);
            }
            else
            {
                finish = true;
            }

            writer.WriteEndObject();
            if (finish)
            {
                writer.WriteString("finish_reason", script.FinishReason);
            }
            else
            {
                writer.WriteNull("finish_reason");
            }

            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        "\n\n"u8.CopyTo(output.GetSpan(2));
        output.Advance(2);
    }

    private static void WriteEnvelope(Utf8JsonWriter writer, string id, string model, long created, string type)
    {
        writer.WriteString("id", id);
        writer.WriteString("object", type);
        writer.WriteNumber("created", created);
        writer.WriteString("model", model);
    }

    private static void WriteToolCalls(Utf8JsonWriter writer, string id, DemoScript script, bool includeIndex)
    {
        writer.WriteStartArray("tool_calls");
        writer.WriteStartObject();
        if (includeIndex)
        {
            writer.WriteNumber("index", 0);
        }

        writer.WriteString("id", "call_" + id[^12..]);
        writer.WriteString("type", "function");
        writer.WriteStartObject("function");
        writer.WriteString("name", script.ToolCallName);
        writer.WriteString("arguments", script.ToolCallArguments);
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndArray();
    }
}
