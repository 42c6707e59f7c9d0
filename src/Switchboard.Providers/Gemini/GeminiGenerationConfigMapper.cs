using System.Text.Json;
using System.Text.Json.Nodes;
using Switchboard.Abstractions.Chat;

namespace Switchboard.Providers.Gemini;

/// <summary>Translates OpenAI sampling, output and reasoning fields into Gemini <c>generationConfig</c>.</summary>
/// <remarks>
/// <c>max_completion_tokens</c> (or <c>max_tokens</c>) → <c>maxOutputTokens</c>; <c>stop</c> → <c>stopSequences</c>;
/// <c>n</c> → <c>candidateCount</c>; <c>response_format</c> <c>json_object</c>/<c>json_schema</c> →
/// <c>responseMimeType: application/json</c> (+ <c>responseJsonSchema</c>, the JSON Schema surface, sent as given);
/// <c>reasoning_effort</c> → <c>thinkingConfig.thinkingBudget</c> (none 0, minimal 512, low 1024, medium 8192,
/// high 24576) with <c>includeThoughts</c> so the thoughts come back as <c>reasoning_content</c>. Values are passed
/// through unclamped; Gemini reports out-of-range values itself. Gemini needs no output cap, so none is invented.
/// </remarks>
internal static class GeminiGenerationConfigMapper
{
    public static UpstreamError? ToGeminiGenerationConfig(JsonElement root, JsonObject request)
    {
        var config = new JsonObject();
        var error = CopyNumber(root, "temperature", config, "temperature")
            ?? CopyNumber(root, "top_p", config, "topP")
            ?? CopyNumber(root, "top_k", config, "topK")
            ?? CopyNumber(root, "seed", config, "seed")
            ?? CopyNumber(root, "presence_penalty", config, "presencePenalty")
            ?? CopyNumber(root, "frequency_penalty", config, "frequencyPenalty")
            ?? (GeminiJson.TryGet(root, "max_completion_tokens", out _)
                ? CopyNumber(root, "max_completion_tokens", config, "maxOutputTokens")
                : CopyNumber(root, "max_tokens", config, "maxOutputTokens"))
            ?? CopyNumber(root, "n", config, "candidateCount")
            ?? AddStop(root, config)
            ?? AddResponseFormat(root, config)
            ?? AddThinking(root, config);
        if (error is not null)
        {
            return error;
        }

        if (config.Count > 0)
        {
            request["generationConfig"] = config;
        }

        return null;
    }

    private static UpstreamError? CopyNumber(JsonElement root, string name, JsonObject config, string geminiName)
    {
        if (!GeminiJson.TryGet(root, name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number)
        {
            return GeminiJson.Invalid(name, $"'{name}' must be a number.");
        }

        config[geminiName] = GeminiJson.ToNode(value);
        return null;
    }

    private static UpstreamError? AddStop(JsonElement root, JsonObject config)
    {
        if (!GeminiJson.TryGet(root, "stop", out var stop))
        {
            return null;
        }

        if (stop.ValueKind == JsonValueKind.String)
        {
            config["stopSequences"] = new JsonArray(stop.GetString());
            return null;
        }

        if (stop.ValueKind != JsonValueKind.Array || stop.EnumerateArray().Any(s => s.ValueKind != JsonValueKind.String))
        {
            return GeminiJson.Invalid("stop", "'stop' must be a string or an array of strings.");
        }

        if (stop.GetArrayLength() > 0)
        {
            config["stopSequences"] = GeminiJson.ToNode(stop);
        }

        return null;
    }

    private static UpstreamError? AddResponseFormat(JsonElement root, JsonObject config)
    {
        if (!GeminiJson.TryGet(root, "response_format", out var format))
        {
            return null;
        }

        switch (GeminiJson.StringOf(format, "type"))
        {
            case "text":
                return null;
            case "json_object":
                config["responseMimeType"] = "application/json";
                return null;
            case "json_schema":
                if (!GeminiJson.TryGet(format, "json_schema", out var wrapper) || !GeminiJson.TryGet(wrapper, "schema", out var schema)
                    || schema.ValueKind != JsonValueKind.Object)
                {
                    return GeminiJson.Invalid("response_format.json_schema.schema", "'response_format.json_schema.schema' must be a JSON schema object.");
                }

                config["responseMimeType"] = "application/json";
                config["responseJsonSchema"] = GeminiJson.ToNode(schema);
                return null;
            case var other:
                return GeminiJson.Invalid("response_format.type", $"'response_format.type' '{other}' is not supported by Gemini platforms.");
        }
    }

    private static UpstreamError? AddThinking(JsonElement root, JsonObject config)
    {
        var effort = GeminiJson.StringOf(root, "reasoning_effort");
        if (effort is null)
        {
            return GeminiJson.TryGet(root, "reasoning_effort", out _)
                ? GeminiJson.Invalid("reasoning_effort", "'reasoning_effort' must be a string.")
                : null;
        }

        int? budget = effort switch
        {
            "none" => 0,
            "minimal" => 512,
            "low" => 1024,
            "medium" => 8192,
            "high" => 24576,
            _ => null,
        };
        if (budget is null)
        {
            return GeminiJson.Invalid("reasoning_effort", $"'reasoning_effort' '{effort}' is not supported by Gemini platforms; use none, minimal, low, medium or high.");
        }

        var thinking = new JsonObject { ["thinkingBudget"] = budget.Value };
        if (budget.Value > 0)
        {
            thinking["includeThoughts"] = true;
        }

        config["thinkingConfig"] = thinking;
        return null;
    }
}
