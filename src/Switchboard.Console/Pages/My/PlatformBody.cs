namespace Switchboard.Console.Pages.My;

/// <summary>Writes the body of <c>POST /api/ai/platform</c>: a private platform with its key and models (display name to upstream name).</summary>
public sealed record PlatformBody(string Name, string BaseUrl, string? ApiKey, IReadOnlyDictionary<string, string>? Models);
