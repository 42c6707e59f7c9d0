using System.Buffers;
using System.Text.Json;

namespace Switchboard.Providers.Demo;

/// <summary>Writes the demo model's non-streamed answer in the OpenAI shape.</summary>
internal static class DemoCompletionWriter
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
            WriteToolCalls(writer, id, script);
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

    /// <summary>Returns the id of the demo's tool call in the answer <paramref name="id"/>.</summary>
    public static string ToolCallId(string id) => "call_" + id[^12..];

    private static void WriteEnvelope(Utf8JsonWriter writer, string id, string model, long created, string type)
    {
        writer.WriteString("id", id);
        writer.WriteString("object", type);
        writer.WriteNumber("created", created);
        writer.WriteString("model", model);
    }

    private static void WriteToolCalls(Utf8JsonWriter writer, string id, DemoScript script)
    {
        writer.WriteStartArray("tool_calls");
        writer.WriteStartObject();
        writer.WriteString("id", ToolCallId(id));
        writer.WriteString("type", "function");
        writer.WriteStartObject("function");
        writer.WriteString("name", script.ToolCallName);
        writer.WriteString("arguments", script.ToolCallArguments);
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndArray();
    }
}
