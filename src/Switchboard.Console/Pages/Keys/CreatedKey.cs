namespace Switchboard.Console.Pages.Keys;

/// <summary>Reads the answer to creating a key: the only time the gateway sends the full key.</summary>
public sealed record CreatedKey(long Id, string Key, string Masked, string? Name);
