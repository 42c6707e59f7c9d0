using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Switchboard.Abstractions.Usage;
using Switchboard.Core.Answers;
using Switchboard.Providers.Gemini;

namespace Switchboard.Server.Gemini;

/// <summary>Writes a finished canonical answer as a Gemini <c>GenerateContentResponse</c>.</summary>
/// <remarks>
/// Each choice is a candidate whose parts are, in order: the reasoning as a thought part (when the client asked for
/// thoughts, or when it carries a signature the upstream needs back), the text, then one <c>functionCall</c> part per
/// tool call. The usage is the one the request is recorded with.
/// </remarks>
internal static class GeminiAnswerWriter
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes the answer as UTF-8 JSON.</summary>
    public static ReadOnlyMemory<byte> Write(ChatAnswer answer, TokenUsage usage, string model, string responseId, bool includeThoughts)
    {
        var output = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(output, Options))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("candidates"u8);
            foreach (var choice in answer.Choices)
            {
                WriteCandidate(writer, choice, includeThoughts);
            }

            writer.WriteEndArray();
            GeminiParts.WriteTrailer(writer, usage, answer.Model ?? model, answer.Id ?? responseId);
            writer.WriteEndObject();
        }

        return output.WrittenMemory;
    }

    private static void WriteCandidate(Utf8JsonWriter writer, ChatAnswerChoice choice, bool includeThoughts)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("content"u8);
        writer.WriteString("role"u8, "model"u8);
        writer.WriteStartArray("parts"u8);
        if (!string.IsNullOrEmpty(choice.Reasoning) && (includeThoughts || choice.ReasoningSignature is not null))
        {
            GeminiParts.WriteThought(writer, choice.Reasoning, choice.ReasoningSignature);
        }

        var text = choice.Text ?? choice.Refusal;
        if (!string.IsNullOrEmpty(text) || choice.ToolCalls.Count == 0)
        {
            writer.WriteStartObject();
            writer.WriteString("text"u8, text ?? "");
            writer.WriteEndObject();
        }

        foreach (var call in choice.ToolCalls)
        {
            GeminiParts.WriteFunctionCall(writer, call.Id, call.Name, call.Arguments, call.Signature);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteString("finishReason"u8, GeminiFinishReasons.FromOpenAI(choice.FinishReason));
        writer.WriteNumber("index"u8, choice.Index);
        writer.WriteEndObject();
    }
}
