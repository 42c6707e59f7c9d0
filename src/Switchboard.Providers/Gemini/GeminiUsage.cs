using System.Text.Json;
using Switchboard.Abstractions.Usage;

namespace Switchboard.Providers.Gemini;

/// <summary>Reads Gemini <c>usageMetadata</c> and writes it as an OpenAI <c>usage</c> object.</summary>
/// <remarks>
/// Input = <c>promptTokenCount</c> (which includes cached content) + <c>toolUsePromptTokenCount</c>; output =
/// <c>candidatesTokenCount</c> (visible text only) + <c>thoughtsTokenCount</c>; cached = <c>cachedContentTokenCount</c>;
/// reasoning = <c>thoughtsTokenCount</c>. That keeps cached ⊂ input and reasoning ⊂ output.
/// </remarks>
internal static class GeminiUsage
{
    public static TokenUsage Read(JsonElement usage)
    {
        var thoughts = Count(usage, "thoughtsTokenCount");
        return new TokenUsage(
            Count(usage, "promptTokenCount") + Count(usage, "toolUsePromptTokenCount"),
            Count(usage, "candidatesTokenCount") + thoughts,
            CachedInputTokens: Count(usage, "cachedContentTokenCount"),
            ReasoningTokens: thoughts);
    }

    public static void Write(Utf8JsonWriter writer, TokenUsage usage)
    {
        writer.WriteStartObject("usage"u8);
        writer.WriteNumber("prompt_tokens"u8, usage.InputTokens);
        writer.WriteNumber("completion_tokens"u8, usage.OutputTokens);
        writer.WriteNumber("total_tokens"u8, usage.TotalTokens);
        writer.WriteStartObject("prompt_tokens_details"u8);
        writer.WriteNumber("cached_tokens"u8, usage.CachedInputTokens);
        writer.WriteEndObject();
        writer.WriteStartObject("completion_tokens_details"u8);
        writer.WriteNumber("reasoning_tokens"u8, usage.ReasoningTokens);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static long Count(JsonElement usage, string name) =>
        usage.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var count) ? count : 0;
}
