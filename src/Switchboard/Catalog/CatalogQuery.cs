namespace Switchboard.Catalog;

/// <summary>Filters the admin catalog list; every filter that is set must match.</summary>
public sealed record CatalogQuery
{
    /// <summary>Gets a tag the model must carry (case-insensitive).</summary>
    public string? Tag { get; init; }

    /// <summary>Gets the model type (<c>chat</c>, <c>embedding</c>).</summary>
    public string? Type { get; init; }

    /// <summary>Gets a provider kind, preset or platform name one of the model's sources must have.</summary>
    public string? Provider { get; init; }

    /// <summary>Gets the derived health (see <see cref="CatalogHealth"/>).</summary>
    public string? Health { get; init; }

    /// <summary>Gets the active flag the model must have.</summary>
    public bool? Active { get; init; }

    /// <summary>Gets text the id, a name or an upstream model name must contain (case-insensitive).</summary>
    public string? Search { get; init; }
}
