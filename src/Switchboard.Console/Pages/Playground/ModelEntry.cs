namespace Switchboard.Console.Pages.Playground;

/// <summary>Reads one entry of <c>GET /v1/models</c>.</summary>
public sealed record ModelEntry(string Id);
