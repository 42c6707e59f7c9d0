namespace Switchboard.Catalog;

/// <summary>Chooses which entries of a fresh sync diff to apply: all of them, or the listed ones.</summary>
public sealed record CatalogSyncSelection
{
    /// <summary>Gets a value indicating whether every entry of the diff is applied.</summary>
    public bool All { get; init; }

    /// <summary>Gets the chosen entries when <see cref="All"/> is false.</summary>
    public IReadOnlyList<CatalogSyncEntry> Entries { get; init; } = [];

    /// <summary>Gets the platforms to sync, or null for every enabled system platform.</summary>
    public IReadOnlyList<string>? Platforms { get; init; }
}
