using System.Text.Json;
using Switchboard.Abstractions.Usage;

namespace Switchboard.Server.Anthropic;

/// <summary>Holds what the streamed and the whole Anthropic answer share: the stop reason for a canonical finish and the usage object.</summary>
internal static class AnthropicWire
{
    /// <summary>Returns Anthropic's <c>stop_reason</c> for a canonical (OpenAI) finish reason.</summary>
    public static string StopReason(string? finishReason) => finishReason switch
    {
        "length" => "max_tokens",
        "tool_calls" or "function_call" => "tool_use",
        "content_filter" => "refusal",
        _ => "end_turn",
    };

    /// <summary>Writes the <c>usage</c> property: Anthropic counts uncached input apart from cache reads and writes, which the canonical input includes.</summary>
    public static void WriteUsage(Utf8JsonWriter writer, TokenUsage usage)
    {
        writer.WriteStartObject("usage"u8);
        writer.WriteNumber("input_tokens"u8, Math.Max(0, usage.InputTokens - usage.CachedInputTokens - usage.CacheWriteTokens));
        writer.WriteNumber("cache_creation_input_tokens"u8, usage.CacheWriteTokens);
        writer.WriteNumber("cache_read_input_tokens"u8, usage.CachedInputTokens);
        writer.WriteNumber("output_tokens"u8, usage.OutputTokens);
        writer.WriteEndObject();
    }

    /// <summary>Returns an Anthropic message id (<c>msg_…</c>) for the gateway's request id.</summary>
    public static string MessageId(string requestId) =>
        "msg_" + (requestId.StartsWith("req_", StringComparison.Ordinal) ? requestId[4..] : requestId);
}
