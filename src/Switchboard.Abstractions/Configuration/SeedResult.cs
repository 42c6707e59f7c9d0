namespace Switchboard.Abstractions.Configuration;

/// <summary>Counts what applying the platforms file changed.</summary>
public sealed record SeedResult(int PlatformsAdded, int PlatformsUpdated, int PlatformsRemoved, int ModelsAdded, int ModelsRemoved, int KeysAdded, int CatalogModelsAdded)
{
    /// <summary>Gets the system platforms whose base URL moved to a new host (<see cref="KeyHostRule"/>), so their old keys were dropped.</summary>
    public IReadOnlyList<string> HostsChanged { get; init; } = [];

    /// <summary>Gets how many users' own keys were dropped because their platform moved to a new host.</summary>
    public int UserKeysDropped { get; init; }
}
