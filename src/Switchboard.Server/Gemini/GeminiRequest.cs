using Switchboard.Abstractions.Chat;

namespace Switchboard.Server.Gemini;

/// <summary>Holds a Gemini request in canonical form and the choices that shape its answer.</summary>
/// <param name="Chat">The canonical request, carrying the client's own body as its native request.</param>
/// <param name="IncludeThoughts">Whether the client asked for thought parts (<c>thinkingConfig.includeThoughts</c>); Gemini shows none otherwise.</param>
internal sealed record GeminiRequest(ChatCompletionRequest Chat, bool IncludeThoughts);
