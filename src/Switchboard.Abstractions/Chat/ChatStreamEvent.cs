using Switchboard.Abstractions.Usage;

namespace Switchboard.Abstractions.Chat;

/// <summary>One event of the canonical answer stream that upstream translators produce and client-protocol writers consume.</summary>
/// <remarks>
/// <para>Text travels as UTF-8 JSON: <see cref="Data"/> and <see cref="Name"/> hold a complete JSON string literal, quotes
/// included (<c>"Hel\nlo"</c>), exactly as the upstream wrote it. A writer copies it into its own JSON without decoding
/// and re-encoding, so translation costs no string per delta; a reader that needs the text decodes it
/// (<see cref="System.Text.Json.Utf8JsonReader"/> over the literal).</para>
/// <para>A ref struct: the spans point into the upstream's read buffer and are valid only during the
/// <see cref="IChatStreamSink.Write"/> call.</para>
/// </remarks>
public readonly ref struct ChatStreamEvent
{
    private ChatStreamEvent(ChatStreamEventKind kind, int choice, int toolIndex, ReadOnlySpan<byte> data, ReadOnlySpan<byte> name, string? finishReason, TokenUsage usage, ChunkIdentity identity, ReadOnlySpan<byte> signature = default, ReadOnlySpan<byte> arguments = default)
    {
        Signature = signature;
        Arguments = arguments;
        Kind = kind;
        Choice = choice;
        ToolIndex = toolIndex;
        Data = data;
        Name = name;
        FinishReason = finishReason;
        Usage = usage;
        Identity = identity;
    }

    /// <summary>Gets what the event carries.</summary>
    public ChatStreamEventKind Kind { get; }

    /// <summary>Gets the index of the choice the event belongs to (only OpenAI's <c>n</c> makes it other than 0).</summary>
    public int Choice { get; }

    /// <summary>Gets the index of the tool call within its choice, for the tool-call kinds.</summary>
    public int ToolIndex { get; }

    /// <summary>Gets the payload as a JSON string literal, quotes included: text, reasoning, signature, arguments fragment, or a tool call's id.</summary>
    public ReadOnlySpan<byte> Data { get; }

    /// <summary>Gets a tool call's function name as a JSON string literal, quotes included.</summary>
    public ReadOnlySpan<byte> Name { get; }

    /// <summary>Gets the signature that seals a tool call (Gemini's <c>thoughtSignature</c>) as a JSON string literal, empty when there is none; a client echoes it back with the call.</summary>
    public ReadOnlySpan<byte> Signature { get; }

    /// <summary>Gets the arguments a tool call starts with (a JSON string literal holding JSON text), empty when they follow as <see cref="ChatStreamEventKind.ToolCallArgumentsDelta"/> events; an upstream that sends whole calls (Gemini) puts them here.</summary>
    public ReadOnlySpan<byte> Arguments { get; }

    /// <summary>Gets the finish reason in the canonical vocabulary: <c>stop</c>, <c>length</c>, <c>tool_calls</c> or <c>content_filter</c>.</summary>
    public string? FinishReason { get; }

    /// <summary>Gets the reported usage, for <see cref="ChatStreamEventKind.Usage"/>.</summary>
    public TokenUsage Usage { get; }

    /// <summary>Gets the answer's id, model and creation time, for <see cref="ChatStreamEventKind.Start"/>.</summary>
    public ChunkIdentity Identity { get; }

    /// <summary>Creates the opening event of a choice; every choice's carries the answer's identity.</summary>
    public static ChatStreamEvent Start(ChunkIdentity identity, int choice = 0) => new(ChatStreamEventKind.Start, choice, 0, default, default, null, default, identity);

    /// <summary>Creates a text fragment from a JSON string literal.</summary>
    public static ChatStreamEvent Text(ReadOnlySpan<byte> jsonString, int choice = 0) => new(ChatStreamEventKind.TextDelta, choice, 0, jsonString, default, null, default, default);

    /// <summary>Creates a reasoning fragment from a JSON string literal.</summary>
    public static ChatStreamEvent Reasoning(ReadOnlySpan<byte> jsonString, int choice = 0) => new(ChatStreamEventKind.ReasoningDelta, choice, 0, jsonString, default, null, default, default);

    /// <summary>Creates a reasoning-signature fragment from a JSON string literal.</summary>
    public static ChatStreamEvent ReasoningSignature(ReadOnlySpan<byte> jsonString, int choice = 0) => new(ChatStreamEventKind.ReasoningSignature, choice, 0, jsonString, default, null, default, default);

    /// <summary>Creates the start of a tool call from its id and function name (and, for a whole call, its signature and arguments), each a JSON string literal.</summary>
    public static ChatStreamEvent ToolCallStart(
        int toolIndex, ReadOnlySpan<byte> idJsonString, ReadOnlySpan<byte> nameJsonString, int choice = 0, ReadOnlySpan<byte> signatureJsonString = default, ReadOnlySpan<byte> argumentsJsonString = default) =>
        new(ChatStreamEventKind.ToolCallStart, choice, toolIndex, idJsonString, nameJsonString, null, default, default, signatureJsonString, argumentsJsonString);

    /// <summary>Creates a fragment of a tool call's arguments from a JSON string literal.</summary>
    public static ChatStreamEvent ToolCallArguments(int toolIndex, ReadOnlySpan<byte> jsonString, int choice = 0) =>
        new(ChatStreamEventKind.ToolCallArgumentsDelta, choice, toolIndex, jsonString, default, null, default, default);

    /// <summary>Creates the finish of a choice with a canonical finish reason.</summary>
    public static ChatStreamEvent Finish(string finishReason, int choice = 0) => new(ChatStreamEventKind.Finish, choice, 0, default, default, finishReason, default, default);

    /// <summary>Creates a usage report.</summary>
    public static ChatStreamEvent ForUsage(TokenUsage usage) => new(ChatStreamEventKind.Usage, 0, 0, default, default, null, usage, default);
}
