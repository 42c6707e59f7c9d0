namespace Switchboard.Abstractions.Configuration;

/// <summary>Describes a configured platform as stored.</summary>
public sealed record PlatformConfig
{
    /// <summary>Gets the storage id.</summary>
    public long Id { get; init; }

    /// <summary>Gets the unique platform name (unique per owner).</summary>
    public required string Name { get; init; }

    /// <summary>Gets the provider kind, resolved from the preset when not given.</summary>
    public required string Kind { get; init; }

    /// <summary>Gets the preset name, if any.</summary>
    public string? Preset { get; init; }

    /// <summary>Gets the base URL.</summary>
    public required string BaseUrl { get; init; }

    /// <summary>Gets extra headers sent on every call.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Gets kind-specific options.</summary>
    public IReadOnlyDictionary<string, string> Options { get; init; } = new Dictionary<string, string>();

    /// <summary>Gets the default extra body as JSON object text, or null.</summary>
    public string? ExtraBodyJson { get; init; }

    /// <summary>Gets the owner: <see cref="SystemUser.Id"/> or a user id for a private platform.</summary>
    public string OwnerUserId { get; init; } = SystemUser.Id;

    /// <summary>Gets a value indicating whether the platform serves requests.</summary>
    public bool Enabled { get; init; } = true;
}
