using System.Text.Json;
using Switchboard.Core.Answers;

namespace Switchboard.Core.Requests;

/// <summary>Writes an earlier assistant turn into the canonical (OpenAI Chat) body, as every ingress that replays history needs to.</summary>
/// <remarks>
/// Reasoning travels as <c>reasoning_content</c> with its <c>reasoning_signature</c>, and a tool call's upstream signature
/// as <c>thought_signature</c>; these are the canonical body's own fields, which the providers turn back into
/// thinking blocks or thought signatures for the upstreams that need them.
/// </remarks>
public static class CanonicalAssistantMessage
{
    /// <summary>Writes <c>{"role":"assistant", "content", "reasoning_content"?, "reasoning_signature"?, "tool_calls"?}</c>; a null <paramref name="content"/> is written as JSON null.</summary>
    public static void Write(Utf8JsonWriter writer, string? content, string? reasoning, string? reasoningSignature, IReadOnlyList<ChatAnswerToolCall> calls)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(calls);
        writer.WriteStartObject();
        writer.WriteString("role"u8, "assistant"u8);
        if (content is null)
        {
            writer.WriteNull("content"u8);
        }
        else
        {
            writer.WriteString("content"u8, content);
        }

        if (reasoning is not null)
        {
            writer.WriteString("reasoning_content"u8, reasoning);
            if (reasoningSignature is not null)
            {
                writer.WriteString("reasoning_signature"u8, reasoningSignature);
            }
        }

        if (calls.Count > 0)
        {
            writer.WriteStartArray("tool_calls"u8);
            foreach (var call in calls)
            {
                writer.WriteStartObject();
                writer.WriteString("id"u8, call.Id);
                writer.WriteString("type"u8, "function"u8);
                writer.WriteStartObject("function"u8);
                writer.WriteString("name"u8, call.Name);
                writer.WriteString("arguments"u8, call.Arguments);
                writer.WriteEndObject();
                if (call.Signature is not null)
                {
                    writer.WriteString("thought_signature"u8, call.Signature);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }
}
