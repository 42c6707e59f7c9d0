using Switchboard.Abstractions.Configuration;

namespace Switchboard.Abstractions.Storage;

/// <summary>Persists configuration and virtual keys (SQLite or PostgreSQL).</summary>
/// <remarks>Implementations are singletons and thread-safe; each call uses its own connection.</remarks>
public interface ISwitchboardStore
{
    /// <summary>Gets the database provider name: <c>sqlite</c> or <c>postgres</c>.</summary>
    string ProviderName { get; }

    /// <summary>Applies pending schema migrations in order, each in its own transaction.</summary>
    Task MigrateAsync(CancellationToken cancellationToken);

    /// <summary>Gets the applied schema version.</summary>
    Task<int> GetSchemaVersionAsync(CancellationToken cancellationToken);

    /// <summary>Reads every platform, key, model, catalog model, virtual key and setting, with the configuration version they make up.</summary>
    Task<ConfigurationData> LoadAsync(CancellationToken cancellationToken);

    /// <summary>Reads the changes recorded after <paramref name="afterVersion"/> with the changed entities, or null when they cannot be applied one by one.</summary>
    /// <remarks>Null means load everything: a version no recorded change covers (a write that records none), a kind this build does not know, or too many changes.</remarks>
    Task<ConfigurationDelta?> LoadChangesAsync(long afterVersion, CancellationToken cancellationToken);

    /// <summary>Reads one virtual key, revoked or not, or null.</summary>
    Task<VirtualKeyRecord?> GetVirtualKeyAsync(long id, CancellationToken cancellationToken);

    /// <summary>Opens a feed of the database's configuration version on a connection of its own; the caller disposes it.</summary>
    Task<IConfigVersionFeed> OpenConfigVersionFeedAsync(CancellationToken cancellationToken);

    /// <summary>Gets a setting, or null.</summary>
    Task<string?> GetSettingAsync(string name, CancellationToken cancellationToken);

    /// <summary>Sets a setting.</summary>
    Task SetSettingAsync(string name, string value, string updatedBy, CancellationToken cancellationToken);

    /// <summary>Applies the platforms file in one transaction.</summary>
    Task<SeedResult> SeedAsync(IReadOnlyList<PlatformSeed> platforms, IReadOnlyList<CatalogModelConfig> catalog, SeedMode mode, CancellationToken cancellationToken);

    /// <summary>Returns true when any sealed secret is stored.</summary>
    Task<bool> HasSealedSecretsAsync(CancellationToken cancellationToken);

    /// <summary>Stores a new virtual key and returns its id.</summary>
    Task<long> InsertVirtualKeyAsync(VirtualKeyRecord key, CancellationToken cancellationToken);

    /// <summary>Marks a virtual key revoked; returns false when no such key exists.</summary>
    Task<bool> RevokeVirtualKeyAsync(long id, DateTimeOffset revokedAt, CancellationToken cancellationToken);
}
