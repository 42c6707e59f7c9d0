namespace Switchboard.Console.Pages.Playground;

/// <summary>Writes one message of a chat request.</summary>
public sealed record ChatMessage(string Role, string Content);
