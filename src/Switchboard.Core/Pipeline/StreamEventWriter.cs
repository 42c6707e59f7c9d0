using System.Buffers;
using System.Text.Json;
using Switchboard.Abstractions.Chat;
using Switchboard.Abstractions.Usage;
using Switchboard.Core.Errors;

namespace Switchboard.Core.Pipeline;

/// <summary>Writes the events the engine itself adds to a stream: the closing usage chunk, <c>[DONE]</c>, and the one error event.</summary>
public static class StreamEventWriter
{
    private static readonly JsonWriterOptions Options = new() { SkipValidation = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes the OpenAI usage-only chunk (<c>choices: []</c>).</summary>
    public static void WriteUsageChunk(IBufferWriter<byte> output, ChunkIdentity identity, string fallbackId, TokenUsage usage)
    {
        WritePrefix(output);
        using (var writer = new Utf8JsonWriter(output, Options))
        {
            writer.WriteStartObject();
            writer.WriteString("id"u8, identity.Id ?? fallbackId);
            writer.WriteString("object"u8, "chat.completion.chunk"u8);
            writer.WriteNumber("created"u8, identity.Created == 0 ? DateTimeOffset.UtcNow.ToUnixTimeSeconds() : identity.Created);
            writer.WriteString("model"u8, identity.Model ?? "");
            writer.WriteStartArray("choices"u8);
            writer.WriteEndArray();
            WriteUsage(writer, usage);
            writer.WriteEndObject();
        }

        WriteSuffix(output);
    }

    /// <summary>Writes an OpenAI <c>usage</c> object property.</summary>
    public static void WriteUsage(Utf8JsonWriter writer, TokenUsage usage)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject("usage"u8);
        writer.WriteNumber("prompt_tokens"u8, usage.InputTokens);
        writer.WriteNumber("completion_tokens"u8, usage.OutputTokens);
        writer.WriteNumber("total_tokens"u8, usage.TotalTokens);
        writer.WriteStartObject("prompt_tokens_details"u8);
        writer.WriteNumber("cached_tokens"u8, usage.CachedInputTokens);
        if (usage.CacheWriteTokens > 0)
        {
            writer.WriteNumber("cache_write_tokens"u8, usage.CacheWriteTokens);
        }

        writer.WriteEndObject();
        writer.WriteStartObject("completion_tokens_details"u8);
        writer.WriteNumber("reasoning_tokens"u8, usage.ReasoningTokens);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>Writes <c>data: [DONE]</c>.</summary>
    public static void WriteDone(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var done = "data: [DONE]\n\n"u8;
        done.CopyTo(output.GetSpan(done.Length));
        output.Advance(done.Length);
    }

    /// <summary>Writes one OpenAI-shaped in-stream error event.</summary>
    public static void WriteError(IBufferWriter<byte> output, GatewayError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        WritePrefix(output);
        using (var writer = new Utf8JsonWriter(output, Options))
        {
            WriteErrorBody(writer, error);
        }

        WriteSuffix(output);
    }

    /// <summary>Writes the OpenAI error body <c>{"error":{message,type,param,code}}</c>.</summary>
    public static void WriteErrorBody(Utf8JsonWriter writer, GatewayError error)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(error);
        writer.WriteStartObject();
        writer.WriteStartObject("error"u8);
        writer.WriteString("message"u8, error.Message);
        writer.WriteString("type"u8, error.Type);
        if (error.Param is null)
        {
            writer.WriteNull("param"u8);
        }
        else
        {
            writer.WriteString("param"u8, error.Param);
        }

        writer.WriteString("code"u8, error.Code);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WritePrefix(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        "data: "u8.CopyTo(output.GetSpan(6));
        output.Advance(6);
    }

    private static void WriteSuffix(IBufferWriter<byte> output)
    {
        "\n\n"u8.CopyTo(output.GetSpan(2));
        output.Advance(2);
    }
}
