namespace Switchboard.Console.Pages.Playground;

/// <summary>Writes the OpenAI chat request the playground sends, always streamed.</summary>
public sealed record ChatRequest(string Model, IReadOnlyList<ChatMessage> Messages, bool Stream);
