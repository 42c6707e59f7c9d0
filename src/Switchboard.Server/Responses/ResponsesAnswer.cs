using Switchboard.Abstractions.Chat;
using Switchboard.Abstractions.Usage;
using Switchboard.Core.Answers;

namespace Switchboard.Server.Responses;

/// <summary>Fills a response from a finished canonical answer: reasoning, then the message, then the function calls, as OpenAI orders them.</summary>
internal static class ResponsesAnswer
{
    /// <summary>Adds the output items of the answer's first choice to <paramref name="draft"/> and sets its usage and final status.</summary>
    public static void Fill(ResponseDraft draft, ChatAnswer answer, TokenUsage usage)
    {
        var choice = answer.Choices.Count > 0 ? answer.Choices[0] : null;
        if (choice?.Reasoning is { Length: > 0 } reasoning)
        {
            var item = ResponseOutputItem.Reasoning();
            item.Text.AppendLiteral(JsonStringLiteral.Encode(reasoning));
            if (choice.ReasoningSignature is { Length: > 0 } signature)
            {
                item.Signature.AppendLiteral(JsonStringLiteral.Encode(signature));
            }

            Add(draft, item);
        }

        var text = choice?.Text;
        var refusal = string.IsNullOrEmpty(text) ? choice?.Refusal : null;
        if (!string.IsNullOrEmpty(text) || !string.IsNullOrEmpty(refusal) || choice is null || choice.ToolCalls.Count == 0)
        {
            var message = ResponseOutputItem.Message();
            message.IsRefusal = !string.IsNullOrEmpty(refusal);
            message.Text.AppendLiteral(JsonStringLiteral.Encode(refusal ?? text ?? ""));
            Add(draft, message);
        }

        foreach (var call in choice?.ToolCalls ?? [])
        {
            var item = ResponseOutputItem.FunctionCall(JsonStringLiteral.Encode(call.Id), JsonStringLiteral.Encode(call.Name));
            item.Text.AppendLiteral(JsonStringLiteral.Encode(call.Arguments));
            item.ThoughtSignature = call.Signature is { Length: > 0 } signature ? JsonStringLiteral.Encode(signature) : null;
            Add(draft, item);
        }

        draft.Usage = usage;
        draft.Finish(choice?.FinishReason);
    }

    private static void Add(ResponseDraft draft, ResponseOutputItem item)
    {
        item.IsDone = true;
        draft.Output.Add(item);
    }
}
