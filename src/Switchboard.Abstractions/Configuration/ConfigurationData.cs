using Switchboard.Abstractions.Tenancy;

namespace Switchboard.Abstractions.Configuration;

/// <summary>Holds everything the engine needs to build its routing snapshot, as read from storage.</summary>
public sealed record ConfigurationData
{
    /// <summary>Gets the platforms.</summary>
    public IReadOnlyList<PlatformConfig> Platforms { get; init; } = [];

    /// <summary>Gets the upstream keys.</summary>
    public IReadOnlyList<ApiKeyConfig> Keys { get; init; } = [];

    /// <summary>Gets the platform models.</summary>
    public IReadOnlyList<PlatformModelConfig> Models { get; init; } = [];

    /// <summary>Gets the declared catalog models.</summary>
    public IReadOnlyList<CatalogModelConfig> Catalog { get; init; } = [];

    /// <summary>Gets the virtual keys, revoked ones included.</summary>
    public IReadOnlyList<VirtualKeyRecord> VirtualKeys { get; init; } = [];

    /// <summary>Gets the settings as name/value pairs.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>Gets users, slots and hide flags.</summary>
    public TenancyData Tenancy { get; init; } = TenancyData.Empty;

    /// <summary>Gets the database's configuration version, read in the same transaction as everything else here.</summary>
    public long ConfigVersion { get; init; }
}
