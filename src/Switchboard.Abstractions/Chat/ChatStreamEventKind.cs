namespace Switchboard.Abstractions.Chat;

/// <summary>Says what one <see cref="ChatStreamEvent"/> carries.</summary>
public enum ChatStreamEventKind
{
    /// <summary>A choice begins (every answer has choice 0, first): <see cref="ChatStreamEvent.Identity"/> holds the answer's id, model and creation time.</summary>
    Start = 0,

    /// <summary>A fragment of answer text in <see cref="ChatStreamEvent.Data"/>.</summary>
    TextDelta = 1,

    /// <summary>A fragment of reasoning (thinking) text in <see cref="ChatStreamEvent.Data"/>.</summary>
    ReasoningDelta = 2,

    /// <summary>A fragment of the signature that seals the reasoning (Anthropic's <c>signature_delta</c>), in <see cref="ChatStreamEvent.Data"/>.</summary>
    ReasoningSignature = 3,

    /// <summary>A tool call begins: <see cref="ChatStreamEvent.ToolIndex"/>, its id in <see cref="ChatStreamEvent.Data"/> and its function name in <see cref="ChatStreamEvent.Name"/>.</summary>
    ToolCallStart = 4,

    /// <summary>A fragment of the JSON arguments of the tool call at <see cref="ChatStreamEvent.ToolIndex"/>, in <see cref="ChatStreamEvent.Data"/>.</summary>
    ToolCallArgumentsDelta = 5,

    /// <summary>A choice finished: <see cref="ChatStreamEvent.FinishReason"/> in the canonical (OpenAI) vocabulary.</summary>
    Finish = 6,

    /// <summary>The upstream reported usage: <see cref="ChatStreamEvent.Usage"/> holds the totals so far (the engine's final figures come at the end, through the writer).</summary>
    Usage = 7,
}
