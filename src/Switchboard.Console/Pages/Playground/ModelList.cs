namespace Switchboard.Console.Pages.Playground;

/// <summary>Reads <c>GET /v1/models</c>: the models and slots the signed-in key may use.</summary>
public sealed record ModelList(IReadOnlyList<ModelEntry> Data);
