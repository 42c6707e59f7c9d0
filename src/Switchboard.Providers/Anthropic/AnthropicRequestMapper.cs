using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Switchboard.Abstractions.Chat;
using Switchboard.Abstractions.Providers;

namespace Switchboard.Providers.Anthropic;

/// <summary>Translates an OpenAI Chat Completions request body into an Anthropic Messages request body.</summary>
/// <remarks>
/// Fields that cannot be honoured (<c>n &gt; 1</c>, <c>logprobs</c>, <c>logit_bias</c>, audio output, invalid tool
/// arguments) fail with an <see cref="UpstreamErrorKind.InvalidRequest"/> naming the field. Sampling hints without an
/// Anthropic equivalent (<c>seed</c>, <c>frequency_penalty</c>, <c>presence_penalty</c>) and OpenAI-only bookkeeping
/// (<c>store</c>, <c>metadata</c>, <c>service_tier</c>, <c>stream_options</c>, <c>json_object</c> mode) are dropped.
/// The model's and then the platform's extra body fill top-level fields the translation did not set.
/// </remarks>
internal static class AnthropicRequestMapper
{
    /// <summary>The output cap sent when neither the client, the extra body nor the endpoint names one.</summary>
    public const int DefaultMaxTokens = 4096;

    // Relaxed escaping keeps non-ASCII text as UTF-8 (a third the size of \uXXXX); the body is never HTML.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes the Anthropic body to <paramref name="output"/>, or returns why the request cannot be translated.</summary>
    /// <remarks>On failure <paramref name="output"/> may hold a partial body; the caller discards it.</remarks>
    public static UpstreamError? ToAnthropicRequest(ReadOnlyMemory<byte> body, UpstreamTarget target, bool stream, IBufferWriter<byte> output)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return AnthropicRequestErrors.Invalid("body", "The request body is not valid JSON.");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return AnthropicRequestErrors.Invalid("body", "The request body must be a JSON object.");
            }

            if (!root.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array)
            {
                return AnthropicRequestErrors.Invalid("messages", "'messages' must be an array.");
            }

            var error = CheckUnsupported(root);
            if (error is not null)
            {
                return error;
            }

            error = AnthropicThinkingPlan.TryCreate(root, target, out var thinking);
            if (error is not null)
            {
                return error;
            }

            error = TryMaxTokens(root, target, thinking.Budget, out var maxTokens);
            if (error is not null)
            {
                return error;
            }

            using var writer = new Utf8JsonWriter(output, WriterOptions);
            var written = new HashSet<string>(StringComparer.Ordinal) { "model", "max_tokens" };
            writer.WriteStartObject();
            writer.WriteString("model"u8, target.UpstreamModel);
            writer.WriteNumber("max_tokens"u8, maxTokens);
            error = AnthropicMessageMapper.WriteSystem(writer, messages, written)
                ?? AnthropicMessageMapper.WriteMessages(writer, messages)
                ?? AnthropicToolMapper.WriteTools(writer, root, written)
                ?? WriteSampling(writer, root, written)
                ?? WriteOutputFormat(writer, root, written);
            if (error is not null)
            {
                return error;
            }

            WriteThinking(writer, thinking, written);
            if (stream)
            {
                writer.WriteBoolean("stream"u8, true);
                written.Add("stream");
            }

            WriteExtraBody(writer, target.ExtraBody, written);
            WriteExtraBody(writer, target.Endpoint.ExtraBody, written);
            writer.WriteEndObject();
            writer.Flush();
            return null;
        }
    }

    private static UpstreamError? CheckUnsupported(JsonElement root)
    {
        if (root.TryGetProperty("n", out var n) && n.ValueKind == JsonValueKind.Number && (!n.TryGetInt32(out var count) || count != 1))
        {
            return AnthropicRequestErrors.Invalid("n", "'n': Anthropic returns one choice per request; 'n' must be 1.");
        }

        if (root.TryGetProperty("logprobs", out var logprobs) && logprobs.ValueKind == JsonValueKind.True)
        {
            return AnthropicRequestErrors.Unsupported("logprobs", "returning log probabilities");
        }

        if (root.TryGetProperty("top_logprobs", out var top) && top.ValueKind == JsonValueKind.Number && (!top.TryGetInt32(out var topCount) || topCount != 0))
        {
            return AnthropicRequestErrors.Unsupported("top_logprobs", "returning log probabilities");
        }

        if (root.TryGetProperty("logit_bias", out var bias) && bias.ValueKind == JsonValueKind.Object && bias.EnumerateObject().Any())
        {
            return AnthropicRequestErrors.Unsupported("logit_bias", "biasing token logits");
        }

        if (root.TryGetProperty("audio", out var audio) && audio.ValueKind == JsonValueKind.Object)
        {
            return AnthropicRequestErrors.Unsupported("audio", "audio output");
        }

        if (root.TryGetProperty("modalities", out var modalities) && modalities.ValueKind == JsonValueKind.Array
            && modalities.EnumerateArray().Any(m => m.ValueKind == JsonValueKind.String && m.ValueEquals("audio"u8)))
        {
            return AnthropicRequestErrors.Unsupported("modalities", "audio output");
        }

        return null;
    }

    /// <summary>Picks the required <c>max_tokens</c>: client, then extra body, then endpoint option, then the default.</summary>
    private static UpstreamError? TryMaxTokens(JsonElement root, UpstreamTarget target, int? thinkingBudget, out int maxTokens)
    {
        maxTokens = 0;
        foreach (var name in (ReadOnlySpan<string>)["max_completion_tokens", "max_tokens"])
        {
            if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            if (!value.TryGetInt32(out maxTokens) || maxTokens < 1)
            {
                return AnthropicRequestErrors.Invalid(name, $"'{name}' must be a positive integer.");
            }

            break;
        }

        if (maxTokens == 0)
        {
            maxTokens = ExtraBodyMaxTokens(target.ExtraBody) ?? ExtraBodyMaxTokens(target.Endpoint.ExtraBody)
                ?? (int.TryParse(target.Endpoint.GetOption("default_max_tokens"), NumberStyles.None, CultureInfo.InvariantCulture, out var configured) && configured > 0
                    ? configured : DefaultMaxTokens);
        }

        // Anthropic needs budget_tokens < max_tokens, and both count thinking (as OpenAI's cap counts reasoning).
        // When the cap leaves no room past the budget, raise it by the budget so the cap the client asked for
        // remains the room for the visible answer, rather than rejecting a request OpenAI models would accept.
        if (thinkingBudget is { } budget && maxTokens <= budget)
        {
            maxTokens = budget + maxTokens;
        }

        return null;
    }

    private static int? ExtraBodyMaxTokens(JsonElement? extraBody) =>
        extraBody is { ValueKind: JsonValueKind.Object } body && body.TryGetProperty("max_tokens", out var value)
        && value.TryGetInt32(out var max) && max > 0 ? max : null;

    private static UpstreamError? WriteSampling(Utf8JsonWriter writer, JsonElement root, HashSet<string> written)
    {
        if (root.TryGetProperty("temperature", out var temperature) && temperature.ValueKind != JsonValueKind.Null)
        {
            if (!temperature.TryGetDouble(out var value))
            {
                return AnthropicRequestErrors.Invalid("temperature", "'temperature' must be a number.");
            }

            // Documented clamp: OpenAI accepts 0–2, Anthropic 0–1. Values above 1 mean "more random" on both, so
            // they become Anthropic's most random setting instead of failing every client that sends e.g. 1.2.
            writer.WritePropertyName("temperature"u8);
            if (value > 1.0)
            {
                writer.WriteNumberValue(1.0);
            }
            else
            {
                temperature.WriteTo(writer);
            }

            written.Add("temperature");
        }

        CopyNumber(writer, root, "top_p", written);

        // top_k is not OpenAI, but OpenAI-compatible clients send it for vendors that have it; Anthropic does.
        CopyNumber(writer, root, "top_k", written);
        if (root.TryGetProperty("stop", out var stop) && stop.ValueKind != JsonValueKind.Null)
        {
            if (stop.ValueKind == JsonValueKind.String)
            {
                writer.WriteStartArray("stop_sequences"u8);
                stop.WriteTo(writer);
                writer.WriteEndArray();
            }
            else if (stop.ValueKind == JsonValueKind.Array && stop.EnumerateArray().All(s => s.ValueKind == JsonValueKind.String))
            {
                writer.WritePropertyName("stop_sequences"u8);
                stop.WriteTo(writer);
            }
            else
            {
                return AnthropicRequestErrors.Invalid("stop", "'stop' must be a string or an array of strings.");
            }

            written.Add("stop_sequences");
        }

        var user = StringOrNull(root, "safety_identifier") ?? StringOrNull(root, "user");
        if (user is { } id)
        {
            writer.WriteStartObject("metadata"u8);
            writer.WritePropertyName("user_id"u8);
            id.WriteTo(writer);
            writer.WriteEndObject();
            written.Add("metadata");
        }

        return null;
    }

    private static UpstreamError? WriteOutputFormat(Utf8JsonWriter writer, JsonElement root, HashSet<string> written)
    {
        if (!root.TryGetProperty("response_format", out var format) || format.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var type = format.ValueKind == JsonValueKind.Object && format.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        switch (type)
        {
            case "text":
            // JSON mode has no Anthropic switch; OpenAI requires the prompt to ask for JSON anyway, which Claude follows.
            case "json_object":
                return null;
            case "json_schema":
                if (!format.TryGetProperty("json_schema", out var jsonSchema) || !jsonSchema.TryGetProperty("schema", out var schema)
                    || schema.ValueKind != JsonValueKind.Object)
                {
                    return AnthropicRequestErrors.Invalid("response_format.json_schema.schema", "'response_format.json_schema.schema' must be a JSON Schema object.");
                }

                writer.WriteStartObject("output_config"u8);
                writer.WriteStartObject("format"u8);
                writer.WriteString("type"u8, "json_schema"u8);
                writer.WritePropertyName("schema"u8);
                schema.WriteTo(writer);
                writer.WriteEndObject();
                writer.WriteEndObject();
                written.Add("output_config");
                return null;
            default:
                return AnthropicRequestErrors.Invalid("response_format.type", "'response_format.type' must be text, json_object or json_schema.");
        }
    }

    private static void WriteThinking(Utf8JsonWriter writer, AnthropicThinkingPlan plan, HashSet<string> written)
    {
        if (plan.ClientThinking is { } client)
        {
            writer.WritePropertyName("thinking"u8);
            client.WriteTo(writer);
            written.Add("thinking");
        }
        else if (plan.EffortBudget is { } budget)
        {
            writer.WriteStartObject("thinking"u8);
            writer.WriteString("type"u8, "enabled"u8);
            writer.WriteNumber("budget_tokens"u8, budget);
            writer.WriteEndObject();
            written.Add("thinking");
        }
    }

    /// <summary>Writes the top-level fields of <paramref name="extraBody"/> that are not written yet (never <c>stream</c>).</summary>
    internal static void WriteExtraBody(Utf8JsonWriter writer, JsonElement? extraBody, HashSet<string> written)
    {
        if (extraBody is not { ValueKind: JsonValueKind.Object } body)
        {
            return;
        }

        foreach (var property in body.EnumerateObject())
        {
            if (property.Name != "stream" && written.Add(property.Name))
            {
                property.WriteTo(writer);
            }
        }
    }

    private static void CopyNumber(Utf8JsonWriter writer, JsonElement root, string name, HashSet<string> written)
    {
        if (root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number)
        {
            writer.WritePropertyName(name);
            value.WriteTo(writer);
            written.Add(name);
        }
    }

    private static JsonElement? StringOrNull(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString()!.Length > 0 ? value : null;
}
