namespace Switchboard.Core.Answers;

/// <summary>One choice of a finished answer in canonical form.</summary>
public sealed record ChatAnswerChoice
{
    /// <summary>Gets the choice's index.</summary>
    public int Index { get; init; }

    /// <summary>Gets the answer text, or null when the choice has none (a pure tool call).</summary>
    public string? Text { get; init; }

    /// <summary>Gets the reasoning (thinking) text, if the upstream returned it.</summary>
    public string? Reasoning { get; init; }

    /// <summary>Gets the signature sealing the reasoning (Anthropic's thinking signature), if any.</summary>
    public string? ReasoningSignature { get; init; }

    /// <summary>Gets the refusal text, if the model refused.</summary>
    public string? Refusal { get; init; }

    /// <summary>Gets the tool calls, in order.</summary>
    public IReadOnlyList<ChatAnswerToolCall> ToolCalls { get; init; } = [];

    /// <summary>Gets the finish reason in the canonical vocabulary (<c>stop</c>, <c>length</c>, <c>tool_calls</c>, <c>content_filter</c>), if any.</summary>
    public string? FinishReason { get; init; }
}
