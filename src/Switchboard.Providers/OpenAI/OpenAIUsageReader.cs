using System.Text.Json;
using Switchboard.Abstractions.Usage;

namespace Switchboard.Providers.OpenAI;

/// <summary>Reads an OpenAI-shaped <c>usage</c> object, including the vendor variants of cached tokens.</summary>
internal static class OpenAIUsageReader
{
    /// <summary>Reads the usage object the reader is positioned on (its StartObject) and leaves it on the EndObject.</summary>
    public static TokenUsage Read(ref Utf8JsonReader reader)
    {
        long prompt = 0, completion = 0, cached = -1, cacheWrite = 0, reasoning = 0, cacheHit = -1;
        var depth = reader.CurrentDepth;
        string? section = null;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == depth)
            {
                break;
            }

            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                continue;
            }

            var level = reader.CurrentDepth - depth;
            if (level == 1)
            {
                section = null;
                if (reader.ValueTextEquals("prompt_tokens"u8))
                {
                    prompt = ReadNumber(ref reader);
                }
                else if (reader.ValueTextEquals("completion_tokens"u8))
                {
                    completion = ReadNumber(ref reader);
                }
                else if (reader.ValueTextEquals("prompt_cache_hit_tokens"u8))
                {
                    cacheHit = ReadNumber(ref reader);
                }
                else if (reader.ValueTextEquals("prompt_tokens_details"u8))
                {
                    section = "prompt";
                }
                else if (reader.ValueTextEquals("completion_tokens_details"u8))
                {
                    section = "completion";
                }
            }
            else if (level == 2 && section == "prompt")
            {
                if (reader.ValueTextEquals("cached_tokens"u8))
                {
                    cached = ReadNumber(ref reader);
                }
                else if (reader.ValueTextEquals("cache_write_tokens"u8))
                {
                    cacheWrite = ReadNumber(ref reader);
                }
            }
            else if (level == 2 && section == "completion" && reader.ValueTextEquals("reasoning_tokens"u8))
            {
                reasoning = ReadNumber(ref reader);
            }
        }

        var cachedTokens = cached >= 0 ? cached : Math.Max(cacheHit, 0);
        return new TokenUsage(prompt, completion, cachedTokens, cacheWrite, reasoning);
    }

    private static long ReadNumber(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var value) ? value
            : reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var d) ? (long)d : 0;
    }
}
