using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Switchboard.Core.Embedded;

/// <summary>Reads OpenAI-shaped completion bodies and chunks back into Microsoft.Extensions.AI types.</summary>
internal static class ChatResponseJsonReader
{
    public static ChatResponse ReadCompletion(ReadOnlyMemory<byte> json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var message = new ChatMessage(ChatRole.Assistant, (IList<AIContent>)[]);
        ChatFinishReason? finish = null;
        if (root.TryGetProperty("choices", out var choices) && choices.GetArrayLength() > 0)
        {
            var choice = choices[0];
            finish = FinishReason(choice);
            if (choice.TryGetProperty("message", out var body))
            {
                AddContents(message.Contents, body, streaming: false);
            }
        }

        return new ChatResponse(message)
        {
            ResponseId = StringOf(root, "id"),
            ModelId = StringOf(root, "model"),
            CreatedAt = root.TryGetProperty("created", out var created) && created.TryGetInt64(out var seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null,
            FinishReason = finish,
            Usage = root.TryGetProperty("usage", out var usage) ? Usage(usage) : null,
            RawRepresentation = root.Clone(),
        };
    }

    /// <summary>Reads one chunk; tool-call fragments are collected in <paramref name="toolCalls"/> and emitted whole at the finish.</summary>
    public static ChatResponseUpdate? ReadChunk(ReadOnlySpan<byte> json, Dictionary<int, ToolCallBuilder> toolCalls)
    {
        using var doc = JsonDocument.Parse(json.ToArray());
        var root = doc.RootElement;
        if (root.TryGetProperty("error", out var error))
        {
            var message = error.TryGetProperty("message", out var m) ? m.GetString() : "The stream failed.";
            var code = error.TryGetProperty("code", out var c) ? c.GetString() ?? "upstream_error" : "upstream_error";
            var type = error.TryGetProperty("type", out var t) ? t.GetString() ?? "upstream_error" : "upstream_error";
            throw new SwitchboardException(new Errors.GatewayError(502, type, code, message ?? "The stream failed."));
        }

        var update = new ChatResponseUpdate
        {
            Role = ChatRole.Assistant,
            ResponseId = StringOf(root, "id"),
            ModelId = StringOf(root, "model"),
            RawRepresentation = root.Clone(),
        };
        if (root.TryGetProperty("usage", out var usage) && usage.ValueKind == JsonValueKind.Object)
        {
            update.Contents.Add(new UsageContent(Usage(usage)));
        }

        if (root.TryGetProperty("choices", out var choices) && choices.GetArrayLength() > 0)
        {
            var choice = choices[0];
            if (choice.TryGetProperty("delta", out var delta))
            {
                AddContents(update.Contents, delta, streaming: true);
                CollectToolCalls(delta, toolCalls);
            }

            if (FinishReason(choice) is { } finish)
            {
                update.FinishReason = finish;
                foreach (var call in toolCalls.OrderBy(c => c.Key).Select(c => c.Value))
                {
                    update.Contents.Add(call.Build());
                }

                toolCalls.Clear();
            }
        }

        return update;
    }

    private static void AddContents(IList<AIContent> contents, JsonElement message, bool streaming)
    {
        if (message.TryGetProperty("reasoning_content", out var reasoning) && reasoning.ValueKind == JsonValueKind.String && reasoning.GetString() is { Length: > 0 } thought)
        {
            contents.Add(new TextReasoningContent(thought));
        }

        if (message.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String && content.GetString() is { Length: > 0 } text)
        {
            contents.Add(new TextContent(text));
        }

        if (!streaming && message.TryGetProperty("tool_calls", out var calls) && calls.ValueKind == JsonValueKind.Array)
        {
            foreach (var call in calls.EnumerateArray())
            {
                var function = call.GetProperty("function");
                contents.Add(ToolCallBuilder.Create(StringOf(call, "id") ?? "", StringOf(function, "name") ?? "", StringOf(function, "arguments")));
            }
        }
    }

    private static void CollectToolCalls(JsonElement delta, Dictionary<int, ToolCallBuilder> toolCalls)
    {
        if (!delta.TryGetProperty("tool_calls", out var calls) || calls.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        foreach (var call in calls.EnumerateArray())
        {
            var index = call.TryGetProperty("index", out var i) && i.TryGetInt32(out var value) ? value : 0;
            if (!toolCalls.TryGetValue(index, out var builder))
            {
                builder = new ToolCallBuilder();
                toolCalls[index] = builder;
            }

            builder.Id ??= StringOf(call, "id");
            if (call.TryGetProperty("function", out var function))
            {
                builder.Name ??= StringOf(function, "name");
                builder.Arguments.Append(StringOf(function, "arguments"));
            }
        }
    }

    private static ChatFinishReason? FinishReason(JsonElement choice) =>
        StringOf(choice, "finish_reason") switch
        {
            null => null,
            "stop" => ChatFinishReason.Stop,
            "length" => ChatFinishReason.Length,
            "tool_calls" or "function_call" => ChatFinishReason.ToolCalls,
            "content_filter" => ChatFinishReason.ContentFilter,
            var other => new ChatFinishReason(other),
        };

    private static UsageDetails Usage(JsonElement usage)
    {
        long? Number(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.TryGetInt64(out var n) ? n : null;
        var details = new UsageDetails
        {
            InputTokenCount = Number(usage, "prompt_tokens"),
            OutputTokenCount = Number(usage, "completion_tokens"),
            TotalTokenCount = Number(usage, "total_tokens"),
        };
        if (usage.TryGetProperty("prompt_tokens_details", out var prompt) && prompt.ValueKind == JsonValueKind.Object)
        {
            details.CachedInputTokenCount = Number(prompt, "cached_tokens");
        }

        if (usage.TryGetProperty("completion_tokens_details", out var completion) && completion.ValueKind == JsonValueKind.Object)
        {
            details.ReasoningTokenCount = Number(completion, "reasoning_tokens");
        }

        return details;
    }

    private static string? StringOf(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
