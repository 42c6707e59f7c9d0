using System.Text.Json;
using Switchboard.Core.Errors;

namespace Switchboard.Server.Gemini;

/// <summary>Writes a Gemini request's <c>generationConfig</c> as the canonical sampling, length, format and reasoning fields.</summary>
/// <remarks>
/// <para><c>temperature</c>, <c>topP</c>, <c>maxOutputTokens</c> (as <c>max_completion_tokens</c>, which every provider
/// reads), <c>stopSequences</c>, <c>candidateCount</c> (as <c>n</c>), <c>presencePenalty</c>, <c>frequencyPenalty</c> and
/// <c>seed</c> map one to one. <c>topK</c> is dropped: OpenAI refuses the field, and the canonical body cannot tell
/// which upstream it will reach. <c>responseMimeType</c> <c>application/json</c> with <c>responseJsonSchema</c> or
/// <c>responseSchema</c> becomes a <c>json_schema</c> response format, without a schema <c>json_object</c>.</para>
/// <para><c>thinkingConfig.thinkingBudget</c> becomes <c>reasoning_effort</c> (0 → <c>none</c>, up to 1024 → <c>low</c>,
/// up to 8192 → <c>medium</c>, more → <c>high</c>; -1, Gemini's "dynamic", leaves it to the model), as does
/// <c>thinkingLevel</c>; <c>includeThoughts</c> decides whether the answer shows thought parts.</para>
/// </remarks>
internal static class GeminiConfigTranslator
{
    private const string Config = "generationConfig";

    /// <summary>Writes the fields; returns whether the client asked to see thoughts, or the error for a field that cannot be translated.</summary>
    public static (bool IncludeThoughts, GatewayError? Error) Write(Utf8JsonWriter writer, JsonElement root)
    {
        if (!GeminiFields.TryGet(root, Config, "generation_config", out var config))
        {
            return (false, null);
        }

        if (config.ValueKind != JsonValueKind.Object)
        {
            return (false, GeminiFields.Invalid(Config, $"'{Config}' must be an object."));
        }

        var error = CopyNumber(writer, config, "temperature", "", "temperature")
            ?? CopyNumber(writer, config, "topP", "top_p", "top_p")
            ?? CopyNumber(writer, config, "maxOutputTokens", "max_output_tokens", "max_completion_tokens")
            ?? CopyNumber(writer, config, "candidateCount", "candidate_count", "n")
            ?? CopyNumber(writer, config, "presencePenalty", "presence_penalty", "presence_penalty")
            ?? CopyNumber(writer, config, "frequencyPenalty", "frequency_penalty", "frequency_penalty")
            ?? CopyNumber(writer, config, "seed", "", "seed")
            ?? WriteStop(writer, config)
            ?? WriteFormat(writer, config);
        if (error is not null)
        {
            return (false, error);
        }

        return WriteThinking(writer, config);
    }

    private static GatewayError? CopyNumber(Utf8JsonWriter writer, JsonElement config, string camel, string snake, string canonical)
    {
        if (!GeminiFields.TryGet(config, camel, snake, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number)
        {
            return GeminiFields.Invalid($"{Config}.{camel}", $"'{Config}.{camel}' must be a number.");
        }

        writer.WritePropertyName(canonical);
        value.WriteTo(writer);
        return null;
    }

    private static GatewayError? WriteStop(Utf8JsonWriter writer, JsonElement config)
    {
        if (!GeminiFields.TryGet(config, "stopSequences", "stop_sequences", out var stop))
        {
            return null;
        }

        if (stop.ValueKind != JsonValueKind.Array || stop.EnumerateArray().Any(item => item.ValueKind != JsonValueKind.String))
        {
            return GeminiFields.Invalid($"{Config}.stopSequences", $"'{Config}.stopSequences' must be an array of strings.");
        }

        if (stop.GetArrayLength() > 0)
        {
            writer.WritePropertyName("stop"u8);
            stop.WriteTo(writer);
        }

        return null;
    }

    private static GatewayError? WriteFormat(Utf8JsonWriter writer, JsonElement config)
    {
        var mime = GeminiFields.StringOf(config, "responseMimeType", "response_mime_type", Config, out var error);
        if (error is not null || mime is null or "text/plain")
        {
            return error;
        }

        if (mime != "application/json")
        {
            return GeminiFields.Invalid($"{Config}.responseMimeType", $"'{Config}.responseMimeType' '{mime}' is not supported; use text/plain or application/json.");
        }

        writer.WriteStartObject("response_format"u8);
        var hasJsonSchema = GeminiFields.TryGet(config, "responseJsonSchema", "response_json_schema", out var jsonSchema);
        var hasSchema = GeminiFields.TryGet(config, "responseSchema", "response_schema", out var schema);
        if (hasJsonSchema || hasSchema)
        {
            writer.WriteString("type"u8, "json_schema"u8);
            writer.WriteStartObject("json_schema"u8);
            writer.WriteString("name"u8, "response"u8);
            writer.WritePropertyName("schema"u8);
            if (hasJsonSchema)
            {
                jsonSchema.WriteTo(writer);
            }
            else
            {
                GeminiSchema.WriteAsJsonSchema(writer, schema);
            }

            writer.WriteEndObject();
        }
        else
        {
            writer.WriteString("type"u8, "json_object"u8);
        }

        writer.WriteEndObject();
        return null;
    }

    private static (bool IncludeThoughts, GatewayError? Error) WriteThinking(Utf8JsonWriter writer, JsonElement config)
    {
        const string path = Config + ".thinkingConfig";
        if (!GeminiFields.TryGet(config, "thinkingConfig", "thinking_config", out var thinking))
        {
            return (false, null);
        }

        if (thinking.ValueKind != JsonValueKind.Object)
        {
            return (false, GeminiFields.Invalid(path, $"'{path}' must be an object."));
        }

        var include = GeminiFields.TryGet(thinking, "includeThoughts", "include_thoughts", out var flag) && flag.ValueKind == JsonValueKind.True;
        var level = GeminiFields.StringOf(thinking, "thinkingLevel", "thinking_level", path, out var error);
        if (error is not null)
        {
            return (false, error);
        }

        string? effort = level?.ToUpperInvariant() switch
        {
            null or "THINKING_LEVEL_UNSPECIFIED" => null,
            "MINIMAL" => "minimal",
            "LOW" => "low",
            "MEDIUM" => "medium",
            "HIGH" => "high",
            _ => "",
        };
        if (effort == "")
        {
            return (false, GeminiFields.Invalid($"{path}.thinkingLevel", $"'{path}.thinkingLevel' must be MINIMAL, LOW, MEDIUM or HIGH (got '{level}')."));
        }

        if (effort is null && GeminiFields.TryGet(thinking, "thinkingBudget", "thinking_budget", out var budget))
        {
            if (budget.ValueKind != JsonValueKind.Number || !budget.TryGetInt32(out var tokens) || tokens < -1)
            {
                return (false, GeminiFields.Invalid($"{path}.thinkingBudget", $"'{path}.thinkingBudget' must be an integer of -1 or more."));
            }

            effort = tokens switch
            {
                -1 => null,
                0 => "none",
                <= 1024 => "low",
                <= 8192 => "medium",
                _ => "high",
            };
        }

        if (effort is not null)
        {
            writer.WriteString("reasoning_effort"u8, effort);
        }

        return (include, null);
    }
}
