using System.Text.Json;
using Switchboard.Abstractions.Usage;

namespace Switchboard.Providers.Anthropic;

/// <summary>Holds Anthropic's token counters as sent, each absent until the upstream reports it.</summary>
/// <remarks>
/// Anthropic counts cache reads and writes apart from <c>input_tokens</c>; OpenAI and <see cref="TokenUsage"/>
/// count them inside the input. The conversions here are the one place that adds them up. Cache writes are split by
/// lifetime in <c>cache_creation</c> (<c>ephemeral_5m_input_tokens</c>, <c>ephemeral_1h_input_tokens</c>, summing to
/// <c>cache_creation_input_tokens</c>); the one-hour part is billed higher, so it is kept.
/// </remarks>
internal struct AnthropicUsage
{
    public long? InputTokens;
    public long? OutputTokens;
    public long? CacheCreationInputTokens;
    public long? CacheReadInputTokens;
    public long? ThinkingTokens;
    public long? CacheCreation5MinuteTokens;
    public long? CacheCreation1HourTokens;

    public readonly bool HasAny => InputTokens is not null || OutputTokens is not null
        || CacheCreationInputTokens is not null || CacheReadInputTokens is not null || ThinkingTokens is not null
        || CacheCreation5MinuteTokens is not null || CacheCreation1HourTokens is not null;

    /// <summary>Gets the OpenAI <c>prompt_tokens</c>: uncached input plus cache writes plus cache reads.</summary>
    public readonly long PromptTokens => (InputTokens ?? 0) + CacheWriteTokens + (CacheReadInputTokens ?? 0);

    /// <summary>Gets the cache writes: the reported total, or the sum of the lifetime split when only that was sent.</summary>
    private readonly long CacheWriteTokens => CacheCreationInputTokens ?? ((CacheCreation5MinuteTokens ?? 0) + (CacheCreation1HourTokens ?? 0));

    /// <summary>Overwrites the counters <paramref name="later"/> reports; <c>message_delta</c> counts are cumulative.</summary>
    public void MergeFrom(in AnthropicUsage later)
    {
        InputTokens = later.InputTokens ?? InputTokens;
        OutputTokens = later.OutputTokens ?? OutputTokens;
        CacheCreationInputTokens = later.CacheCreationInputTokens ?? CacheCreationInputTokens;
        CacheReadInputTokens = later.CacheReadInputTokens ?? CacheReadInputTokens;
        ThinkingTokens = later.ThinkingTokens ?? ThinkingTokens;
        CacheCreation5MinuteTokens = later.CacheCreation5MinuteTokens ?? CacheCreation5MinuteTokens;
        CacheCreation1HourTokens = later.CacheCreation1HourTokens ?? CacheCreation1HourTokens;
    }

    public readonly TokenUsage ToTokenUsage()
    {
        var cacheWrite = CacheWriteTokens;
        return new(
            PromptTokens,
            OutputTokens ?? 0,
            CacheReadInputTokens ?? 0,
            cacheWrite,
            ThinkingTokens ?? 0,
            Math.Clamp(CacheCreation1HourTokens ?? 0, 0, Math.Max(cacheWrite, 0)));
    }

    /// <summary>Writes the OpenAI <c>usage</c> property.</summary>
    public readonly void WriteOpenAIUsage(Utf8JsonWriter writer)
    {
        var prompt = PromptTokens;
        var completion = OutputTokens ?? 0;
        writer.WriteStartObject("usage"u8);
        writer.WriteNumber("prompt_tokens"u8, prompt);
        writer.WriteNumber("completion_tokens"u8, completion);
        writer.WriteNumber("total_tokens"u8, prompt + completion);
        writer.WriteStartObject("prompt_tokens_details"u8);
        writer.WriteNumber("cached_tokens"u8, CacheReadInputTokens ?? 0);
        writer.WriteNumber("cache_write_tokens"u8, CacheWriteTokens);
        writer.WriteEndObject();
        if (ThinkingTokens is { } thinking)
        {
            writer.WriteStartObject("completion_tokens_details"u8);
            writer.WriteNumber("reasoning_tokens"u8, thinking);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    /// <summary>Reads a <c>usage</c> object; the reader is on its <c>StartObject</c> and ends on its <c>EndObject</c>.</summary>
    public static AnthropicUsage Read(ref Utf8JsonReader reader)
    {
        var usage = default(AnthropicUsage);
        var depth = reader.CurrentDepth;
        while (reader.Read() && !(reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == depth))
        {
            if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != depth + 1)
            {
                continue;
            }

            if (reader.ValueTextEquals("input_tokens"u8))
            {
                usage.InputTokens = ReadCount(ref reader);
            }
            else if (reader.ValueTextEquals("output_tokens"u8))
            {
                usage.OutputTokens = ReadCount(ref reader);
            }
            else if (reader.ValueTextEquals("cache_creation_input_tokens"u8))
            {
                usage.CacheCreationInputTokens = ReadCount(ref reader);
            }
            else if (reader.ValueTextEquals("cache_read_input_tokens"u8))
            {
                usage.CacheReadInputTokens = ReadCount(ref reader);
            }
            else if (reader.ValueTextEquals("output_tokens_details"u8))
            {
                usage.ThinkingTokens = ReadThinking(ref reader) ?? usage.ThinkingTokens;
            }
            else if (reader.ValueTextEquals("cache_creation"u8))
            {
                ReadCacheCreation(ref reader, ref usage);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return usage;
    }

    private static long? ReadThinking(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }

        long? thinking = null;
        var depth = reader.CurrentDepth;
        while (reader.Read() && !(reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == depth))
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("thinking_tokens"u8))
            {
                thinking = ReadCount(ref reader);
            }
            else if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                reader.Skip();
            }
        }

        return thinking;
    }

    private static void ReadCacheCreation(ref Utf8JsonReader reader, ref AnthropicUsage usage)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        var depth = reader.CurrentDepth;
        while (reader.Read() && !(reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == depth))
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == depth + 1)
            {
                if (reader.ValueTextEquals("ephemeral_5m_input_tokens"u8))
                {
                    usage.CacheCreation5MinuteTokens = ReadCount(ref reader);
                }
                else if (reader.ValueTextEquals("ephemeral_1h_input_tokens"u8))
                {
                    usage.CacheCreation1HourTokens = ReadCount(ref reader);
                }
            }
            else if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                reader.Skip();
            }
        }
    }

    // Null stays "not reported" so a later message_delta without the field keeps the message_start value.
    private static long? ReadCount(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Number)
        {
            return reader.TryGetInt64(out var value) ? value : (long)reader.GetDouble();
        }

        reader.Skip();
        return null;
    }
}
