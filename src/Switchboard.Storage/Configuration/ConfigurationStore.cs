using System.Globalization;
using Microsoft.Extensions.Logging;
using Switchboard.Abstractions.Configuration;
using Switchboard.Abstractions.Storage;
using Switchboard.Abstractions.Tenancy;
using Switchboard.Storage.Internal;
using Switchboard.Storage.Migrations;
using Switchboard.Storage.Tenancy;

namespace Switchboard.Storage.Configuration;

/// <summary>Stores the configuration: platforms, catalog, settings, seeding from the platforms file and virtual keys (<see cref="ISwitchboardStore"/>).</summary>
internal sealed class ConfigurationStore(Dialect dialect, MigrationRunner migrations, ILogger logger, TimeProvider timeProvider) : ISwitchboardStore
{
    private const string InsertVirtualKeySql =
        "INSERT INTO virtual_keys (hash, masked, name, user_id, role, created_at, expires_at, revoked_at, allowed_models_json, cache_ttl_seconds, " +
        LimitColumns.Names + ") VALUES (@hash, @masked, @name, @user_id, @role, @created_at, @expires_at, @revoked_at, @allowed_models_json, @cache_ttl_seconds, " +
        LimitColumns.Values + ") RETURNING id";

    /// <inheritdoc />
    public string ProviderName => dialect.ProviderName;

    /// <inheritdoc />
    public Task MigrateAsync(CancellationToken cancellationToken) =>
        migrations.MigrateAsync(MigrationCatalog.LatestVersion, cancellationToken);

    /// <inheritdoc />
    public Task<int> GetSchemaVersionAsync(CancellationToken cancellationToken) => migrations.GetVersionAsync(cancellationToken);

    /// <inheritdoc />
    public async Task<ConfigurationData> LoadAsync(CancellationToken cancellationToken)
    {
        await using var session = await dialect.BeginAsync(readOnly: true, cancellationToken).ConfigureAwait(false);
        var data = await ConfigurationReader.LoadAsync(session, cancellationToken).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return data;
    }

    /// <inheritdoc />
    public async Task<ConfigurationDelta?> LoadChangesAsync(long afterVersion, CancellationToken cancellationToken)
    {
        if (dialect is PostgresDialect)
        {
            await using var oneTrip = await dialect.BeginOneCommandAsync(readOnly: true, cancellationToken).ConfigureAwait(false);
            var (keyDelta, complete) = await ConfigDeltaReader.LoadKeyChangesInOneTripAsync(oneTrip, afterVersion, cancellationToken).ConfigureAwait(false);
            if (complete)
            {
                return keyDelta;
            }
        }

        await using var session = await dialect.BeginAsync(readOnly: true, cancellationToken).ConfigureAwait(false);
        var delta = await ConfigDeltaReader.LoadAsync(session, afterVersion, cancellationToken).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return delta;
    }

    /// <inheritdoc />
    public async Task<VirtualKeyRecord?> GetVirtualKeyAsync(long id, CancellationToken cancellationToken)
    {
        await using var session = await dialect.BeginAsync(readOnly: true, cancellationToken).ConfigureAwait(false);
        var keys = await ConfigurationReader.ReadVirtualKeysAsync(session, "WHERE id = @id", cancellationToken, ("@id", id)).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return keys.Count == 0 ? null : keys[0];
    }

    /// <inheritdoc />
    public Task<IConfigVersionFeed> OpenConfigVersionFeedAsync(CancellationToken cancellationToken) =>
        dialect.OpenConfigVersionFeedAsync(cancellationToken);

    /// <inheritdoc />
    public async Task<string?> GetSettingAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        await using var session = await dialect.BeginAsync(readOnly: true, cancellationToken).ConfigureAwait(false);
        var values = await session.QueryAsync(
            "SELECT value FROM settings WHERE name = @name", r => r.GetString(0), cancellationToken, ("@name", name)).ConfigureAwait(false);
        return values.Count == 0 ? null : values[0];
    }

    /// <inheritdoc />
    public async Task SetSettingAsync(string name, string value, string updatedBy, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(updatedBy);
        await using var session = await dialect.BeginAsync(readOnly: false, cancellationToken).ConfigureAwait(false);
        var start = await ConfigChangeLog.StartAsync(session, cancellationToken).ConfigureAwait(false);
        await session.ExecuteAsync(
            "INSERT INTO settings (name, value, updated_at, updated_by) VALUES (@name, @value, @updated_at, @updated_by) " +
            "ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by",
            cancellationToken,
            ("@name", name),
            ("@value", value),
            ("@updated_at", dialect.Time(timeProvider.GetUtcNow())),
            ("@updated_by", updatedBy)).ConfigureAwait(false);
        await ConfigChangeLog.RecordAsync(session, start, ConfigChangeKinds.Setting, name, cancellationToken).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<SeedResult> SeedAsync(
        IReadOnlyList<PlatformSeed> platforms, IReadOnlyList<CatalogModelConfig> catalog, SeedMode mode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(platforms);
        ArgumentNullException.ThrowIfNull(catalog);
        await using var session = await dialect.BeginAsync(readOnly: false, cancellationToken).ConfigureAwait(false);
        await dialect.LockAsync(session, AdvisoryLocks.Seed, cancellationToken).ConfigureAwait(false);
        var result = await new SeedWriter(session, timeProvider.GetUtcNow())
            .ApplyAsync(platforms, catalog, mode, cancellationToken).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        logger.Seeded(mode, result);
        if (result.HostsChanged.Count > 0)
        {
            logger.SeedMovedHosts(string.Join(", ", result.HostsChanged), result.UserKeysDropped);
        }
        return result;
    }

    /// <inheritdoc />
    public async Task<bool> HasSealedSecretsAsync(CancellationToken cancellationToken)
    {
        await using var session = await dialect.BeginAsync(readOnly: true, cancellationToken).ConfigureAwait(false);
        return await session.ScalarInt64Async(
            "SELECT CASE WHEN EXISTS (SELECT 1 FROM platform_keys) THEN 1 ELSE 0 END", cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc />
    public async Task<long> InsertVirtualKeyAsync(VirtualKeyRecord key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);

        // PostgreSQL inserts and records the change in one atomic command, one round trip (creating a key waits on it);
        // SQLite, in process, records the change after the insert in its transaction.
        var recordInSameCommand = dialect is PostgresDialect;
        await using var session = recordInSameCommand
            ? await dialect.BeginOneCommandAsync(readOnly: false, cancellationToken).ConfigureAwait(false)
            : await dialect.BeginAsync(readOnly: false, cancellationToken).ConfigureAwait(false);
        var start = await ConfigChangeLog.StartAsync(session, cancellationToken).ConfigureAwait(false);
        var id = await session.ScalarInt64Async(
            recordInSameCommand ? InsertVirtualKeySql + "; " + ConfigChangeLog.PostgresRecordInsertedKeySql : InsertVirtualKeySql,
            cancellationToken,
            [
                ("@kind", ConfigChangeKinds.VirtualKey),
                ("@retained", ConfigChangeLog.RetainedVersions),
                .. TenancyWriter.VirtualKeyParameters(dialect, key),
                ("@hash", key.Hash),
                ("@masked", key.Masked),
                ("@user_id", key.UserId),
                ("@role", key.Role),
                ("@created_at", dialect.Time(key.CreatedAt == default ? timeProvider.GetUtcNow() : key.CreatedAt)),
                ("@revoked_at", dialect.TimeOrNull(key.RevokedAt)),
            ]).ConfigureAwait(false);
        if (!recordInSameCommand)
        {
            await ConfigChangeLog.RecordAsync(session, start, ConfigChangeKinds.VirtualKey, id.ToString(CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
        }

        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return id;
    }

    /// <inheritdoc />
    /// <remarks>Revoking a revoked key keeps its first revocation time and still returns true.</remarks>
    public async Task<bool> RevokeVirtualKeyAsync(long id, DateTimeOffset revokedAt, CancellationToken cancellationToken)
    {
        await using var session = await dialect.BeginAsync(readOnly: false, cancellationToken).ConfigureAwait(false);
        var start = await ConfigChangeLog.StartAsync(session, cancellationToken).ConfigureAwait(false);
        var rows = await session.ExecuteAsync(
            "UPDATE virtual_keys SET revoked_at = COALESCE(revoked_at, @revoked_at) WHERE id = @id",
            cancellationToken,
            ("@revoked_at", dialect.Time(revokedAt)),
            ("@id", id)).ConfigureAwait(false);
        await ConfigChangeLog.RecordAsync(session, start, ConfigChangeKinds.VirtualKey, id.ToString(CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return rows > 0;
    }
}
