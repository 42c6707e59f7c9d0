using Microsoft.Extensions.AI;
using Switchboard.Abstractions.Chat;
using Switchboard.Abstractions.Usage;
using Switchboard.Core.Answers;

namespace Switchboard.Core.Embedded;

/// <summary>Maps the engine's canonical answers to Microsoft.Extensions.AI types: a whole answer to a <see cref="ChatResponse"/>, and the finish reasons and usage both it and <see cref="ChatResponseUpdateWriter"/> report.</summary>
internal static class ChatResponses
{
    /// <summary>Builds the response to a non-streamed call from its canonical answer and the usage the upstream reported.</summary>
    /// <exception cref="System.Text.Json.JsonException">The answer is not a JSON object.</exception>
    public static ChatResponse From(ChatCompletion completion)
    {
        ArgumentNullException.ThrowIfNull(completion);
        var answer = ChatAnswer.Read(completion.Json);
        var message = new ChatMessage(ChatRole.Assistant, (IList<AIContent>)[]);
        var choice = answer.Choices.Count > 0 ? answer.Choices[0] : null;
        if (choice is not null)
        {
            if (!string.IsNullOrEmpty(choice.Reasoning) || choice.ReasoningSignature is not null)
            {
                message.Contents.Add(new TextReasoningContent(choice.Reasoning) { ProtectedData = choice.ReasoningSignature });
            }

            if (!string.IsNullOrEmpty(choice.Text))
            {
                message.Contents.Add(new TextContent(choice.Text));
            }

            foreach (var call in choice.ToolCalls)
            {
                message.Contents.Add(ToolCallBuilder.Create(call.Id, call.Name, call.Arguments));
            }
        }

        return new ChatResponse(message)
        {
            ResponseId = answer.Id,
            ModelId = answer.Model,
            CreatedAt = answer.Created == 0 ? null : DateTimeOffset.FromUnixTimeSeconds(answer.Created),
            FinishReason = FinishReason(choice?.FinishReason),
            Usage = completion.UsageSource == UsageSource.None ? null : Usage(completion.Usage),
            RawRepresentation = answer,
        };
    }

    /// <summary>Maps a canonical (OpenAI) finish reason; one outside the vocabulary is kept by name.</summary>
    public static ChatFinishReason? FinishReason(string? reason) => reason switch
    {
        null => null,
        "stop" => ChatFinishReason.Stop,
        "length" => ChatFinishReason.Length,
        "tool_calls" or "function_call" => ChatFinishReason.ToolCalls,
        "content_filter" => ChatFinishReason.ContentFilter,
        _ => new ChatFinishReason(reason),
    };

    /// <summary>Maps token counts to <see cref="UsageDetails"/>: input includes cached tokens and output includes reasoning tokens, as OpenAI counts them.</summary>
    public static UsageDetails Usage(TokenUsage usage) => new()
    {
        InputTokenCount = usage.InputTokens,
        OutputTokenCount = usage.OutputTokens,
        TotalTokenCount = usage.TotalTokens,
        CachedInputTokenCount = usage.CachedInputTokens,
        ReasoningTokenCount = usage.ReasoningTokens,
    };
}
