using System.Text.Json;
using Switchboard.Abstractions.Chat;

namespace Switchboard.Server.Responses;

/// <summary>One output item of a response as it is built, from a finished answer or from stream events; writes itself in the Responses shape.</summary>
/// <remarks>Text, arguments and signatures are kept as JSON string literals (<see cref="JsonTextBuffer"/>), so a stream's fragments are never decoded. Not thread-safe.</remarks>
internal sealed class ResponseOutputItem
{
    private ResponseOutputItem(ResponseOutputItemKind kind, string id)
    {
        Kind = kind;
        Id = id;
    }

    /// <summary>Gets what the item is.</summary>
    public ResponseOutputItemKind Kind { get; }

    /// <summary>Gets the item id (<c>msg_…</c>, <c>fc_…</c>, <c>rs_…</c>).</summary>
    public string Id { get; }

    /// <summary>Gets the message text, the reasoning summary, or the call's arguments.</summary>
    public JsonTextBuffer Text { get; } = new();

    /// <summary>Gets the reasoning signature (for <see cref="ResponseOutputItemKind.Reasoning"/>), written as <c>encrypted_content</c>.</summary>
    public JsonTextBuffer Signature { get; } = new();

    /// <summary>Gets or sets a value indicating whether a message's text is a refusal.</summary>
    public bool IsRefusal { get; set; }

    /// <summary>Gets the call id as a JSON string literal (function calls).</summary>
    public byte[] CallId { get; private init; } = [];

    /// <summary>Gets the function name as a JSON string literal (function calls).</summary>
    public byte[] Name { get; private init; } = [];

    /// <summary>Gets or sets the upstream's signature of a function call (Gemini's <c>thoughtSignature</c>) as a JSON string literal, echoed as <c>thought_signature</c> so a client that sends the item back returns it.</summary>
    public byte[]? ThoughtSignature { get; set; }

    /// <summary>Gets or sets a value indicating whether the item is finished (<c>completed</c>) rather than still being written.</summary>
    public bool IsDone { get; set; }

    /// <summary>Creates an assistant message item.</summary>
    public static ResponseOutputItem Message() => new(ResponseOutputItemKind.Message, ResponseIds.Message());

    /// <summary>Creates a reasoning item.</summary>
    public static ResponseOutputItem Reasoning() => new(ResponseOutputItemKind.Reasoning, ResponseIds.Reasoning());

    /// <summary>Creates a function call item from its call id and name, each a JSON string literal.</summary>
    public static ResponseOutputItem FunctionCall(ReadOnlySpan<byte> callIdLiteral, ReadOnlySpan<byte> nameLiteral) => new(ResponseOutputItemKind.FunctionCall, ResponseIds.FunctionCall())
    {
        CallId = callIdLiteral.Length >= 2 ? callIdLiteral.ToArray() : JsonStringLiteral.Encode("call_" + Guid.NewGuid().ToString("N")[..24]),
        Name = nameLiteral.Length >= 2 ? nameLiteral.ToArray() : "\"\""u8.ToArray(),
    };

    /// <summary>Writes the item object; <paramref name="withContent"/> false writes it as <c>output_item.added</c> announces it, before any content.</summary>
    public void Write(Utf8JsonWriter writer, bool withContent = true, string? status = null)
    {
        status ??= IsDone ? "completed" : "in_progress";
        writer.WriteStartObject();
        writer.WriteString("id"u8, Id);
        switch (Kind)
        {
            case ResponseOutputItemKind.Message:
                writer.WriteString("type"u8, "message"u8);
                writer.WriteString("status"u8, status);
                writer.WriteString("role"u8, "assistant"u8);
                writer.WriteStartArray("content"u8);
                if (withContent)
                {
                    WritePart(writer);
                }

                writer.WriteEndArray();
                break;
            case ResponseOutputItemKind.FunctionCall:
                writer.WriteString("type"u8, "function_call"u8);
                writer.WriteString("status"u8, status);
                if (withContent)
                {
                    Text.Write(writer, "arguments"u8);
                }
                else
                {
                    writer.WriteString("arguments"u8, ""u8);
                }

                writer.WritePropertyName("call_id"u8);
                writer.WriteRawValue(CallId, skipInputValidation: true);
                writer.WritePropertyName("name"u8);
                writer.WriteRawValue(Name, skipInputValidation: true);
                if (ThoughtSignature is { } signature)
                {
                    writer.WritePropertyName("thought_signature"u8);
                    writer.WriteRawValue(signature, skipInputValidation: true);
                }

                break;
            case ResponseOutputItemKind.Reasoning:
                writer.WriteString("type"u8, "reasoning"u8);
                writer.WriteStartArray("summary"u8);
                if (withContent && !Text.IsEmpty)
                {
                    WriteSummaryPart(writer);
                }

                writer.WriteEndArray();
                if (withContent && !Signature.IsEmpty)
                {
                    Signature.Write(writer, "encrypted_content"u8);
                }

                break;
        }

        writer.WriteEndObject();
    }

    /// <summary>Writes a message's content part (<c>output_text</c> with its annotations, or <c>refusal</c>).</summary>
    public void WritePart(Utf8JsonWriter writer, bool empty = false)
    {
        writer.WriteStartObject();
        if (IsRefusal)
        {
            writer.WriteString("type"u8, "refusal"u8);
            WriteText(writer, "refusal"u8, empty);
        }
        else
        {
            writer.WriteString("type"u8, "output_text"u8);
            writer.WriteStartArray("annotations"u8);
            writer.WriteEndArray();
            writer.WriteStartArray("logprobs"u8);
            writer.WriteEndArray();
            WriteText(writer, "text"u8, empty);
        }

        writer.WriteEndObject();
    }

    /// <summary>Writes a reasoning item's one summary part.</summary>
    public void WriteSummaryPart(Utf8JsonWriter writer, bool empty = false)
    {
        writer.WriteStartObject();
        writer.WriteString("type"u8, "summary_text"u8);
        WriteText(writer, "text"u8, empty);
        writer.WriteEndObject();
    }

    private void WriteText(Utf8JsonWriter writer, ReadOnlySpan<byte> name, bool empty)
    {
        if (empty)
        {
            writer.WriteString(name, ""u8);
        }
        else
        {
            Text.Write(writer, name);
        }
    }
}
