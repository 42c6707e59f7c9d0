namespace Switchboard.Abstractions.Tenancy;

/// <summary>Binds one of a user's purposes (<c>main</c>, <c>fast</c>, <c>reason</c> or a named one) to a model.</summary>
/// <remarks>
/// Exactly one of <see cref="CatalogModel"/> and <see cref="PlatformModelId"/> is set: a slot names either a catalog
/// model by id, or one platform model by its storage id (the classic <c>platform_id</c>/<c>model_id</c> choice), so a
/// renamed platform does not break the binding.
/// </remarks>
public sealed record UsageSlotRecord
{
    /// <summary>Gets the user id.</summary>
    public required string UserId { get; init; }

    /// <summary>Gets the slot key, lower case.</summary>
    public required string Slot { get; init; }

    /// <summary>Gets the label shown to people.</summary>
    public required string Label { get; init; }

    /// <summary>Gets the catalog model id, when the slot names a catalog model.</summary>
    public string? CatalogModel { get; init; }

    /// <summary>Gets the platform model storage id, when the slot names one platform model.</summary>
    public long? PlatformModelId { get; init; }

    /// <summary>Gets the display order.</summary>
    public int Position { get; init; }

    /// <summary>Gets when the binding last changed.</summary>
    public DateTimeOffset UpdatedAt { get; init; }
}
