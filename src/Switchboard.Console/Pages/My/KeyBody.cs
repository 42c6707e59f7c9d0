namespace Switchboard.Console.Pages.My;

/// <summary>Writes the body of <c>POST /api/ai/platform/{id}/api-key</c>; an empty key removes the caller's key.</summary>
public sealed record KeyBody(string ApiKey);
