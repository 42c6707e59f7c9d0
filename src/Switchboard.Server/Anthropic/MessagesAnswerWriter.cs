using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Switchboard.Abstractions.Usage;
using Switchboard.Core.Answers;

namespace Switchboard.Server.Anthropic;

/// <summary>Writes a finished canonical answer as an Anthropic <c>message</c> object.</summary>
/// <remarks>
/// Blocks come in Anthropic's order: the signed thinking, the text, then one <c>tool_use</c> per call with its arguments
/// as a parsed <c>input</c> object (arguments that are not a JSON object become <c>{}</c>, as Anthropic's input is always
/// one). A refusal is written as the text. Only the first choice is written.
/// </remarks>
internal static class MessagesAnswerWriter
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes the message for <paramref name="answer"/> with the recorded <paramref name="usage"/>.</summary>
    public static void Write(IBufferWriter<byte> output, ChatAnswer answer, TokenUsage usage, string messageId, string model)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var choice = answer.Choices.Count > 0 ? answer.Choices[0] : new ChatAnswerChoice();
        using var writer = new Utf8JsonWriter(output, Options);
        writer.WriteStartObject();
        writer.WriteString("id"u8, messageId);
        writer.WriteString("type"u8, "message"u8);
        writer.WriteString("role"u8, "assistant"u8);
        writer.WriteString("model"u8, model);
        writer.WriteStartArray("content"u8);
        if (choice.Reasoning is { Length: > 0 } reasoning)
        {
            writer.WriteStartObject();
            writer.WriteString("type"u8, "thinking"u8);
            writer.WriteString("thinking"u8, reasoning);
            writer.WriteString("signature"u8, choice.ReasoningSignature ?? "");
            writer.WriteEndObject();
        }

        if ((choice.Text ?? choice.Refusal) is { Length: > 0 } text)
        {
            writer.WriteStartObject();
            writer.WriteString("type"u8, "text"u8);
            writer.WriteString("text"u8, text);
            writer.WriteEndObject();
        }

        foreach (var call in choice.ToolCalls)
        {
            writer.WriteStartObject();
            writer.WriteString("type"u8, "tool_use"u8);
            writer.WriteString("id"u8, call.Id);
            writer.WriteString("name"u8, call.Name);
            writer.WritePropertyName("input"u8);
            WriteInput(writer, call.Arguments);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteString("stop_reason"u8, AnthropicWire.StopReason(choice.FinishReason));
        writer.WriteNull("stop_sequence"u8);
        AnthropicWire.WriteUsage(writer, usage);
        writer.WriteEndObject();
    }

    private static void WriteInput(Utf8JsonWriter writer, string arguments)
    {
        var bytes = Encoding.UTF8.GetBytes(arguments);
        try
        {
            using var document = JsonDocument.Parse(bytes);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                document.RootElement.WriteTo(writer);
                return;
            }
        }
        catch (JsonException)
        {
            // A model that wrote broken arguments still produced a call; the client sees it with no input.
        }

        writer.WriteStartObject();
        writer.WriteEndObject();
    }
}
