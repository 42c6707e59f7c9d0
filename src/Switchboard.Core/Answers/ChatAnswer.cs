using System.Text.Json;

namespace Switchboard.Core.Answers;

/// <summary>A finished, non-streamed answer in canonical form, read from the OpenAI <c>chat.completion</c> object the providers return.</summary>
/// <remarks>
/// Every client-protocol writer other than OpenAI Chat builds its own answer shape from this, so each protocol reads the
/// canonical answer once, in one place. Usage is not read here: the writers take the usage the request is recorded with.
/// </remarks>
public sealed record ChatAnswer
{
    /// <summary>Gets the answer id the upstream gave (<c>chatcmpl-…</c>), if any.</summary>
    public string? Id { get; init; }

    /// <summary>Gets the model name the upstream reported, if any.</summary>
    public string? Model { get; init; }

    /// <summary>Gets the Unix time in seconds the upstream reported, or 0.</summary>
    public long Created { get; init; }

    /// <summary>Gets the choices, in order; a well-formed answer has at least one.</summary>
    public IReadOnlyList<ChatAnswerChoice> Choices { get; init; } = [];

    /// <summary>Reads an OpenAI <c>chat.completion</c> object.</summary>
    /// <exception cref="JsonException">The bytes are not a JSON object.</exception>
    public static ChatAnswer Read(ReadOnlyMemory<byte> json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("The answer is not a JSON object.");
        }

        var choices = new List<ChatAnswerChoice>();
        if (root.TryGetProperty("choices", out var array) && array.ValueKind == JsonValueKind.Array)
        {
            foreach (var choice in array.EnumerateArray())
            {
                if (choice.ValueKind == JsonValueKind.Object)
                {
                    choices.Add(ReadChoice(choice, choices.Count));
                }
            }
        }

        return new ChatAnswer
        {
            Id = StringOf(root, "id"),
            Model = StringOf(root, "model"),
            Created = root.TryGetProperty("created", out var created) && created.ValueKind == JsonValueKind.Number && created.TryGetInt64(out var seconds) ? seconds : 0,
            Choices = choices,
        };
    }

    private static ChatAnswerChoice ReadChoice(JsonElement choice, int position)
    {
        var index = choice.TryGetProperty("index", out var i) && i.ValueKind == JsonValueKind.Number && i.TryGetInt32(out var value) ? value : position;
        var message = choice.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.Object ? m : default;
        var toolCalls = new List<ChatAnswerToolCall>();
        if (message.ValueKind == JsonValueKind.Object && message.TryGetProperty("tool_calls", out var calls) && calls.ValueKind == JsonValueKind.Array)
        {
            foreach (var call in calls.EnumerateArray())
            {
                if (call.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                var function = call.TryGetProperty("function", out var f) && f.ValueKind == JsonValueKind.Object ? f : default;
                toolCalls.Add(new ChatAnswerToolCall(
                    StringOf(call, "id") ?? "call_" + Guid.NewGuid().ToString("N")[..24],
                    function.ValueKind == JsonValueKind.Object ? StringOf(function, "name") ?? "" : "",
                    function.ValueKind == JsonValueKind.Object ? StringOf(function, "arguments") ?? "{}" : "{}",
                    StringOf(call, "thought_signature")));
            }
        }

        return new ChatAnswerChoice
        {
            Index = index,
            Text = message.ValueKind == JsonValueKind.Object ? StringOf(message, "content") : null,
            Reasoning = message.ValueKind == JsonValueKind.Object ? StringOf(message, "reasoning_content") ?? StringOf(message, "reasoning") : null,
            ReasoningSignature = message.ValueKind == JsonValueKind.Object ? StringOf(message, "reasoning_signature") : null,
            Refusal = message.ValueKind == JsonValueKind.Object ? StringOf(message, "refusal") : null,
            ToolCalls = toolCalls,
            FinishReason = StringOf(choice, "finish_reason"),
        };
    }

    private static string? StringOf(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
