namespace Switchboard.Console.Pages.My;

/// <summary>Reads the answer to saving an own key: whether one is stored now, masked.</summary>
public sealed record KeyResult(long PlatformId, bool OwnKeySet, string? Masked);
