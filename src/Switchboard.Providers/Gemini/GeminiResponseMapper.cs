using System.Text;
using System.Text.Json;
using Switchboard.Abstractions.Chat;
using Switchboard.Abstractions.Usage;
using Switchboard.Providers.Http;

namespace Switchboard.Providers.Gemini;

/// <summary>Translates a Gemini <c>GenerateContentResponse</c> into an OpenAI <c>chat.completion</c>.</summary>
/// <remarks>
/// Each candidate becomes a choice: text parts without <c>thought: true</c> are joined into <c>content</c>,
/// thought parts into <c>reasoning_content</c>, and <c>functionCall</c> parts become <c>tool_calls</c>.
/// A prompt that Gemini blocked (<c>promptFeedback.blockReason</c>, no candidates) is returned as a
/// <see cref="UpstreamErrorKind.ContentFiltered"/> error rather than an empty completion, so the client sees
/// why nothing came back and the engine does not bill or retry it as a success.
/// </remarks>
internal static class GeminiResponseMapper
{
    public static UpstreamResult<ChatCompletion> ToCompletion(byte[] json, string upstreamModel, string platformName, long created)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            return UpstreamErrorFactory.Malformed(platformName, "the body is not JSON");
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return UpstreamErrorFactory.Malformed(platformName, "the body is not a JSON object");
            }

            if (root.TryGetProperty("error", out var rpc))
            {
                return GeminiErrors.FromErrorObject(rpc, platformName) with { UpstreamStatus = 200 };
            }

            if (!root.TryGetProperty("candidates", out var candidates) || candidates.ValueKind != JsonValueKind.Array || candidates.GetArrayLength() == 0)
            {
                return BlockedPrompt(root, platformName) ?? UpstreamErrorFactory.Malformed(platformName, "the response has no candidates");
            }

            TokenUsage? usage = root.TryGetProperty("usageMetadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
                ? GeminiUsage.Read(metadata)
                : null;
            var output = new PooledBufferWriter(json.Length + 512);
            using (output)
            {
                string? firstFinish;
                using (var writer = new Utf8JsonWriter(output, GeminiToolCallWriter.ClientJson))
                using (var toolCalls = new GeminiToolCallWriter())
                {
                    writer.WriteStartObject();
                    writer.WriteString("id"u8, GeminiIds.Completion(GeminiJson.StringOf(root, "responseId")));
                    writer.WriteString("object"u8, "chat.completion"u8);
                    writer.WriteNumber("created"u8, created);
                    writer.WriteString("model"u8, GeminiJson.StringOf(root, "modelVersion") ?? upstreamModel);
                    writer.WriteStartArray("choices"u8);
                    firstFinish = WriteChoices(writer, candidates, toolCalls);
                    writer.WriteEndArray();
                    if (usage is { } reported)
                    {
                        GeminiUsage.Write(writer, reported);
                    }

                    writer.WriteEndObject();
                }

                return new ChatCompletion
                {
                    Json = output.WrittenSpan.ToArray(),
                    Usage = usage ?? default,
                    UsageSource = usage is null ? UsageSource.None : UsageSource.Reported,
                    FinishReason = firstFinish,
                };
            }
        }
    }

    /// <summary>Returns the error for a prompt Gemini refused to answer, or null when it was not blocked.</summary>
    public static UpstreamError? BlockedPrompt(JsonElement root, string platformName)
    {
        if (!root.TryGetProperty("promptFeedback", out var feedback) || GeminiJson.StringOf(feedback, "blockReason") is not { } reason)
        {
            return null;
        }

        var detail = GeminiJson.StringOf(feedback, "blockReasonMessage");
        var message = $"Upstream '{platformName}' blocked the prompt ({reason})" + (detail is null ? "." : $": {detail}");
        return new UpstreamError(UpstreamErrorKind.ContentFiltered, message) { UpstreamCode = reason, UpstreamStatus = 200 };
    }

    private static string? WriteChoices(Utf8JsonWriter writer, JsonElement candidates, GeminiToolCallWriter toolCalls)
    {
        string? firstFinish = null;
        var position = 0;
        foreach (var candidate in candidates.EnumerateArray())
        {
            var index = candidate.TryGetProperty("index", out var i) && i.TryGetInt32(out var value) ? value : position;
            var finish = WriteChoice(writer, candidate, index, toolCalls);
            if (position == 0 || index == 0)
            {
                firstFinish = finish;
            }

            position++;
        }

        return firstFinish;
    }

    private static string WriteChoice(Utf8JsonWriter writer, JsonElement candidate, int index, GeminiToolCallWriter toolCalls)
    {
        var text = new StringBuilder();
        var reasoning = new StringBuilder();
        var calls = new List<JsonElement>();
        if (candidate.TryGetProperty("content", out var content) && content.TryGetProperty("parts", out var parts) && parts.ValueKind == JsonValueKind.Array)
        {
            foreach (var part in parts.EnumerateArray())
            {
                if (part.TryGetProperty("functionCall", out var call) && call.ValueKind == JsonValueKind.Object)
                {
                    calls.Add(part);
                }
                else if (GeminiJson.StringOf(part, "text") is { } piece)
                {
                    (IsThought(part) ? reasoning : text).Append(piece);
                }
            }
        }

        writer.WriteStartObject();
        writer.WriteNumber("index"u8, index);
        writer.WriteStartObject("message"u8);
        writer.WriteString("role"u8, "assistant"u8);
        if (text.Length == 0 && calls.Count > 0)
        {
            writer.WriteNull("content"u8);
        }
        else
        {
            writer.WriteString("content"u8, text.ToString());
        }

        if (reasoning.Length > 0)
        {
            writer.WriteString("reasoning_content"u8, reasoning.ToString());
        }

        if (calls.Count > 0)
        {
            writer.WriteStartArray("tool_calls"u8);
            foreach (var part in calls)
            {
                toolCalls.Write(writer, part, part.GetProperty("functionCall"), index: null);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
        var finish = GeminiFinishReasons.ToOpenAI(GeminiJson.StringOf(candidate, "finishReason"), calls.Count > 0);
        writer.WriteString("finish_reason"u8, finish);
        writer.WriteEndObject();
        return finish;
    }

    internal static bool IsThought(JsonElement part) =>
        part.TryGetProperty("thought", out var thought) && thought.ValueKind == JsonValueKind.True;
}
