using System.Text.Json;
using Switchboard.Abstractions.Usage;

namespace Switchboard.Providers.Gemini;

/// <summary>Reads Gemini <c>usageMetadata</c> and writes it as an OpenAI <c>usage</c> object, or writes canonical usage back as <c>usageMetadata</c> for a Gemini client.</summary>
/// <remarks>
/// Input = <c>promptTokenCount</c> (which includes cached content) + <c>toolUsePromptTokenCount</c>; output =
/// <c>candidatesTokenCount</c> (visible text only) + <c>thoughtsTokenCount</c>; cached = <c>cachedContentTokenCount</c>;
/// reasoning = <c>thoughtsTokenCount</c>. That keeps cached ⊂ input and reasoning ⊂ output. <see cref="WriteMetadata"/>
/// is the inverse, so usage that came from Gemini reaches a Gemini client with the figures Gemini reported.
/// </remarks>
public static class GeminiUsage
{
    /// <summary>Reads a <c>usageMetadata</c> object as canonical usage.</summary>
    public static TokenUsage Read(JsonElement usage)
    {
        var thoughts = Count(usage, "thoughtsTokenCount");
        return new TokenUsage(
            Count(usage, "promptTokenCount") + Count(usage, "toolUsePromptTokenCount"),
            Count(usage, "candidatesTokenCount") + thoughts,
            CachedInputTokens: Count(usage, "cachedContentTokenCount"),
            ReasoningTokens: thoughts);
    }

    /// <summary>Writes canonical usage as an OpenAI <c>usage</c> property.</summary>
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

    /// <summary>Writes canonical usage as a Gemini <c>usageMetadata</c> property: visible output apart from thoughts, cached and thought counts only when present.</summary>
    public static void WriteMetadata(Utf8JsonWriter writer, TokenUsage usage)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject("usageMetadata"u8);
        writer.WriteNumber("promptTokenCount"u8, usage.InputTokens);
        writer.WriteNumber("candidatesTokenCount"u8, Math.Max(0, usage.OutputTokens - usage.ReasoningTokens));
        writer.WriteNumber("totalTokenCount"u8, usage.TotalTokens);
        if (usage.CachedInputTokens > 0)
        {
            writer.WriteNumber("cachedContentTokenCount"u8, usage.CachedInputTokens);
        }

        if (usage.ReasoningTokens > 0)
        {
            writer.WriteNumber("thoughtsTokenCount"u8, usage.ReasoningTokens);
        }

        writer.WriteEndObject();
    }

    private static long Count(JsonElement usage, string name) =>
        usage.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var count) ? count : 0;
}
