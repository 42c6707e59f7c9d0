namespace Switchboard.Console.Pages.My;

/// <summary>Reads one model of <c>GET /v1/models</c>: a model the signed-in key may use.</summary>
public sealed record ModelItem(string Id, string? OwnedBy);
