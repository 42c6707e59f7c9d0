namespace Switchboard.Core.Answers;

/// <summary>One tool call in a finished answer.</summary>
/// <param name="Id">The call id the client answers with its result.</param>
/// <param name="Name">The function name.</param>
/// <param name="Arguments">The arguments as JSON text (may be malformed if the model wrote it so).</param>
/// <param name="Signature">The upstream's signature for the call (Gemini's <c>thoughtSignature</c>), if any.</param>
public sealed record ChatAnswerToolCall(string Id, string Name, string Arguments, string? Signature = null);
