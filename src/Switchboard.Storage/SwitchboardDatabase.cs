using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Switchboard.Abstractions.Configuration;
using Switchboard.Abstractions.Storage;
using Switchboard.Abstractions.Tenancy;
using Switchboard.Abstractions.Usage;
using Switchboard.Storage.Configuration;
using Switchboard.Storage.Internal;
using Switchboard.Storage.Migrations;
using Switchboard.Storage.Tenancy;
using Switchboard.Storage.Usage;

namespace Switchboard.Storage;

/// <summary>Stores configuration, virtual keys, users, limit counters and usage in SQLite or PostgreSQL; create it with <see cref="SwitchboardStorage.Create"/>.</summary>
/// <remarks>Thread-safe and meant to be a singleton: every call opens its own pooled connection and transaction.</remarks>
public sealed class SwitchboardDatabase : ISwitchboardStore, IUsageStore, ITenancyStore, ILimitStore, IAsyncDisposable, IDisposable
{
    private readonly Dialect _dialect;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private int _disposed;

    internal SwitchboardDatabase(Dialect dialect, ILogger logger, TimeProvider timeProvider)
    {
        _dialect = dialect;
        _logger = logger;
        _timeProvider = timeProvider;
        Migrations = new MigrationRunner(dialect, logger, timeProvider);
        logger.Opened(dialect.ProviderName, dialect.SafeDescription);
    }

    /// <inheritdoc />
    public string ProviderName => _dialect.ProviderName;

    /// <summary>Gets the migration runner, for tests that stop at an older version.</summary>
    internal MigrationRunner Migrations { get; }

    /// <summary>Gets the dialect, for tests that inspect the database directly.</summary>
    internal Dialect Dialect => _dialect;

    /// <inheritdoc />
    public Task MigrateAsync(CancellationToken cancellationToken) =>
        Migrations.MigrateAsync(MigrationCatalog.LatestVersion, cancellationToken);

    /// <inheritdoc />
    public Task<int> GetSchemaVersionAsync(CancellationToken cancellationToken) => Migrations.GetVersionAsync(cancellationToken);

    /// <inheritdoc />
    public async Task<ConfigurationData> LoadAsync(CancellationToken cancellationToken)
    {
        await using var session = await _dialect.BeginAsync(readOnly: true, cancellationToken).ConfigureAwait(false);
        var data = await ConfigurationReader.LoadAsync(session, cancellationToken).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return data;
    }

    /// <inheritdoc />
    public async Task<string?> GetSettingAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        await using var session = await _dialect.BeginAsync(readOnly: true, cancellationToken).ConfigureAwait(false);
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
        await using var session = await _dialect.BeginAsync(readOnly: false, cancellationToken).ConfigureAwait(false);
        await session.ExecuteAsync(
            "INSERT INTO settings (name, value, updated_at, updated_by) VALUES (@name, @value, @updated_at, @updated_by) " +
            "ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by",
            cancellationToken,
            ("@name", name),
            ("@value", value),
            ("@updated_at", _dialect.Time(_timeProvider.GetUtcNow())),
            ("@updated_by", updatedBy)).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<SeedResult> SeedAsync(
        IReadOnlyList<PlatformSeed> platforms, IReadOnlyList<CatalogModelConfig> catalog, SeedMode mode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(platforms);
        ArgumentNullException.ThrowIfNull(catalog);
        await using var session = await _dialect.BeginAsync(readOnly: false, cancellationToken).ConfigureAwait(false);
        await _dialect.LockAsync(session, AdvisoryLocks.Seed, cancellationToken).ConfigureAwait(false);
        var result = await new SeedWriter(session, _timeProvider.GetUtcNow())
            .ApplyAsync(platforms, catalog, mode, cancellationToken).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        _logger.Seeded(mode, result);
        return result;
    }

    /// <inheritdoc />
    public async Task<bool> HasSealedSecretsAsync(CancellationToken cancellationToken)
    {
        await using var session = await _dialect.BeginAsync(readOnly: true, cancellationToken).ConfigureAwait(false);
        return await session.ScalarInt64Async(
            "SELECT CASE WHEN EXISTS (SELECT 1 FROM platform_keys) THEN 1 ELSE 0 END", cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc />
    public async Task<long> InsertVirtualKeyAsync(VirtualKeyRecord key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        await using var session = await _dialect.BeginAsync(readOnly: false, cancellationToken).ConfigureAwait(false);
        var id = await session.ScalarInt64Async(
            "INSERT INTO virtual_keys (hash, masked, name, user_id, role, created_at, expires_at, revoked_at, allowed_models_json, " +
            LimitColumns.Names + ") VALUES (@hash, @masked, @name, @user_id, @role, @created_at, @expires_at, @revoked_at, @allowed_models_json, " +
            LimitColumns.Values + ") RETURNING id",
            cancellationToken,
            [
                .. TenancyWriter.VirtualKeyParameters(_dialect, key),
                ("@hash", key.Hash),
                ("@masked", key.Masked),
                ("@user_id", key.UserId),
                ("@role", key.Role),
                ("@created_at", _dialect.Time(key.CreatedAt == default ? _timeProvider.GetUtcNow() : key.CreatedAt)),
                ("@revoked_at", _dialect.TimeOrNull(key.RevokedAt)),
            ]).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return id;
    }

    /// <inheritdoc />
    /// <remarks>Revoking a revoked key keeps its first revocation time and still returns true.</remarks>
    public async Task<bool> RevokeVirtualKeyAsync(long id, DateTimeOffset revokedAt, CancellationToken cancellationToken)
    {
        await using var session = await _dialect.BeginAsync(readOnly: false, cancellationToken).ConfigureAwait(false);
        var rows = await session.ExecuteAsync(
            "UPDATE virtual_keys SET revoked_at = COALESCE(revoked_at, @revoked_at) WHERE id = @id",
            cancellationToken,
            ("@revoked_at", _dialect.Time(revokedAt)),
            ("@id", id)).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return rows > 0;
    }

    /// <inheritdoc />
    public async Task InsertAsync(IReadOnlyList<UsageRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0)
        {
            return;
        }

        var started = Stopwatch.GetTimestamp();
        await using var session = await _dialect.BeginAsync(readOnly: false, cancellationToken).ConfigureAwait(false);
        var inserted = await _dialect.InsertUsageAsync(session, records, cancellationToken).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        if (_logger.IsEnabled(LogLevel.Debug))
        {
            var elapsedMs = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            _logger.UsageBatchSaved(records.Count, inserted, records.Count - inserted, elapsedMs);
        }
    }

    /// <inheritdoc />
    /// <remarks>The range is half-open: <paramref name="from"/> ≤ timestamp &lt; <paramref name="to"/>.</remarks>
    public async Task<IReadOnlyList<UsageRecord>> QueryAsync(
        DateTimeOffset from, DateTimeOffset to, string? userId, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var session = await _dialect.BeginAsync(readOnly: true, cancellationToken).ConfigureAwait(false);
        return await UsageReader.QueryAsync(session, from, to, userId, limit, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        await using var session = await _dialect.BeginAsync(readOnly: true, cancellationToken).ConfigureAwait(false);
        return await UsageReader.CountAsync(session, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<UsageGroup>> AggregateAsync(UsageQuery query, UsageGrouping groupBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var session = await _dialect.BeginAsync(readOnly: true, cancellationToken).ConfigureAwait(false);
        return await UsageAggregator.AggregateAsync(session, query, groupBy, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<UsageTimeBucket>> TimelineAsync(UsageQuery query, UsageInterval interval, TimeSpan utcOffset, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var session = await _dialect.BeginAsync(readOnly: true, cancellationToken).ConfigureAwait(false);
        return await UsageAggregator.TimelineAsync(session, query, interval, utcOffset, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<SourcePerformance>> PerformanceAsync(UsageQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var session = await _dialect.BeginAsync(readOnly: true, cancellationToken).ConfigureAwait(false);
        return await UsagePerformanceReader.ReadAsync(session, query, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>Works one day of raw records per transaction, so a first purge of a large table never holds one huge transaction.</remarks>
    public async Task<UsagePurgeResult> RollUpAndPurgeAsync(DateTimeOffset olderThan, CancellationToken cancellationToken)
    {
        var cutoff = UsageRollup.FloorHour(olderThan);
        long records = 0;
        long rows = 0;
        while (true)
        {
            await using var session = await _dialect.BeginAsync(readOnly: false, cancellationToken).ConfigureAwait(false);
            await _dialect.LockAsync(session, AdvisoryLocks.UsageRollup, cancellationToken).ConfigureAwait(false);
            if (await UsageRollup.OldestAsync(session, cutoff, cancellationToken).ConfigureAwait(false) is not { } from)
            {
                await session.CommitAsync(cancellationToken).ConfigureAwait(false);
                break;
            }

            var to = from.AddDays(1) < cutoff ? from.AddDays(1) : cutoff;
            var (moved, written) = await UsageRollup.MoveAsync(session, from, to, cancellationToken).ConfigureAwait(false);
            await session.CommitAsync(cancellationToken).ConfigureAwait(false);
            records += moved;
            rows += written;
        }

        return new UsagePurgeResult(records, rows, cutoff);
    }

    /// <inheritdoc />
    public async Task<long> InsertAlertAsync(AlertRecord alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        await using var session = await _dialect.BeginAsync(readOnly: false, cancellationToken).ConfigureAwait(false);
        var id = await AlertTable.InsertAsync(session, alert, cancellationToken).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return id;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AlertRecord>> ListAlertsAsync(DateTimeOffset since, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var session = await _dialect.BeginAsync(readOnly: true, cancellationToken).ConfigureAwait(false);
        return await AlertTable.ListAsync(session, since, limit, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task MarkAlertDeliveredAsync(long id, DateTimeOffset deliveredAt, CancellationToken cancellationToken)
    {
        await using var session = await _dialect.BeginAsync(readOnly: false, cancellationToken).ConfigureAwait(false);
        await AlertTable.MarkDeliveredAsync(session, id, deliveredAt, cancellationToken).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<TenancyData> LoadTenancyAsync(CancellationToken cancellationToken)
    {
        await using var session = await _dialect.BeginAsync(readOnly: true, cancellationToken).ConfigureAwait(false);
        var data = await TenancyReader.LoadAsync(session, cancellationToken).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return data;
    }

    /// <inheritdoc />
    public async Task<UserRecord?> GetUserAsync(string userId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        await using var session = await _dialect.BeginAsync(readOnly: true, cancellationToken).ConfigureAwait(false);
        return await TenancyReader.GetUserAsync(session, userId, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>The slots are only written when the user is new, so slots the user deleted later never come back.</remarks>
    public async Task<bool> EnsureUserAsync(UserRecord user, IReadOnlyList<UsageSlotRecord> slots, CancellationToken cancellationToken)
    {
        ValidateUser(user);
        ArgumentNullException.ThrowIfNull(slots);
        foreach (var slot in slots)
        {
            ValidateSlot(slot);
            if (!string.Equals(slot.UserId, user.Id, StringComparison.Ordinal))
            {
                throw new ArgumentException($"Slot '{slot.Slot}' belongs to user '{slot.UserId}', not '{user.Id}'.", nameof(slots));
            }
        }

        await using var session = await _dialect.BeginAsync(readOnly: false, cancellationToken).ConfigureAwait(false);
        var created = await TenancyWriter.EnsureUserAsync(session, user, slots, _timeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return created;
    }

    /// <inheritdoc />
    public async Task<bool> UpsertUserAsync(UserRecord user, CancellationToken cancellationToken)
    {
        ValidateUser(user);
        await using var session = await _dialect.BeginAsync(readOnly: false, cancellationToken).ConfigureAwait(false);
        var created = await TenancyWriter.UpsertUserAsync(session, user, _timeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return created;
    }

    /// <inheritdoc />
    /// <remarks>Virtual keys are deleted, not revoked. Returns true when any row of the user existed, even without a user row.</remarks>
    /// <exception cref="ArgumentException">The id is the system user's: that would delete every system platform.</exception>
    public async Task<bool> DeleteUserAsync(string userId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        if (userId == SystemUser.Id)
        {
            throw new ArgumentException("The system user cannot be deleted: it owns the system platforms and keys.", nameof(userId));
        }

        await using var session = await _dialect.BeginAsync(readOnly: false, cancellationToken).ConfigureAwait(false);
        var deleted = await TenancyWriter.DeleteUserAsync(session, userId, cancellationToken).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return deleted;
    }

    /// <inheritdoc />
    public async Task SetSlotAsync(UsageSlotRecord slot, CancellationToken cancellationToken)
    {
        ValidateSlot(slot);
        await using var session = await _dialect.BeginAsync(readOnly: false, cancellationToken).ConfigureAwait(false);
        await TenancyWriter.SetSlotAsync(session, slot, _timeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<bool> DeleteSlotAsync(string userId, string slot, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentException.ThrowIfNullOrEmpty(slot);
        await using var session = await _dialect.BeginAsync(readOnly: false, cancellationToken).ConfigureAwait(false);
        var deleted = await TenancyWriter.DeleteSlotAsync(session, userId, slot, cancellationToken).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return deleted;
    }

    /// <inheritdoc />
    /// <remarks>A repair without a time is stamped now; the slot's <see cref="UsageSlotRecord.UpdatedAt"/> defaults to the repair time.</remarks>
    public async Task RepairSlotAsync(UsageSlotRecord repaired, SlotRepairRecord repair, CancellationToken cancellationToken)
    {
        ValidateSlot(repaired);
        ArgumentNullException.ThrowIfNull(repair);
        if (!string.Equals(repaired.UserId, repair.UserId, StringComparison.Ordinal) || !string.Equals(repaired.Slot, repair.Slot, StringComparison.Ordinal))
        {
            throw new ArgumentException("The repair must describe the slot it rebinds.", nameof(repair));
        }

        await using var session = await _dialect.BeginAsync(readOnly: false, cancellationToken).ConfigureAwait(false);
        await TenancyWriter.RepairSlotAsync(session, repaired, repair, _timeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<SlotRepairRecord>> ListSlotRepairsAsync(string userId, int limit, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var session = await _dialect.BeginAsync(readOnly: true, cancellationToken).ConfigureAwait(false);
        return await TenancyReader.ListSlotRepairsAsync(session, userId, limit, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>Showing a platform again keeps a row with <c>hidden = false</c>; <see cref="TenancyData.Visibility"/> lists it with <see cref="PlatformVisibilityRecord.Hidden"/> false.</remarks>
    public async Task SetPlatformHiddenAsync(string userId, long platformId, bool hidden, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        await using var session = await _dialect.BeginAsync(readOnly: false, cancellationToken).ConfigureAwait(false);
        await TenancyWriter.SetPlatformHiddenAsync(session, userId, platformId, hidden, cancellationToken).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<long> InsertPlatformAsync(PlatformConfig platform, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentException.ThrowIfNullOrEmpty(platform.OwnerUserId);
        await using var session = await _dialect.BeginAsync(readOnly: false, cancellationToken).ConfigureAwait(false);
        var id = await PrivatePlatformWriter.InsertPlatformAsync(session, platform, _timeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return id;
    }

    /// <inheritdoc />
    /// <remarks>The platform is matched by <see cref="PlatformConfig.Id"/> and <see cref="PlatformConfig.OwnerUserId"/>; kind and preset do not change.</remarks>
    public async Task<bool> UpdatePlatformAsync(PlatformConfig platform, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentException.ThrowIfNullOrEmpty(platform.OwnerUserId);
        await using var session = await _dialect.BeginAsync(readOnly: false, cancellationToken).ConfigureAwait(false);
        var updated = await PrivatePlatformWriter.UpdatePlatformAsync(session, platform, _timeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return updated;
    }

    /// <inheritdoc />
    public async Task<bool> DeletePlatformAsync(long platformId, string ownerUserId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(ownerUserId);
        await using var session = await _dialect.BeginAsync(readOnly: false, cancellationToken).ConfigureAwait(false);
        var deleted = await PrivatePlatformWriter.DeletePlatformAsync(session, platformId, ownerUserId, cancellationToken).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return deleted;
    }

    /// <inheritdoc />
    public async Task<long?> InsertPlatformModelAsync(PlatformModelConfig model, string ownerUserId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(ownerUserId);
        await using var session = await _dialect.BeginAsync(readOnly: false, cancellationToken).ConfigureAwait(false);
        var id = await PrivatePlatformWriter.InsertModelAsync(session, model, ownerUserId, cancellationToken).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return id;
    }

    /// <inheritdoc />
    public async Task<bool> UpdatePlatformModelAsync(PlatformModelConfig model, string ownerUserId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(ownerUserId);
        await using var session = await _dialect.BeginAsync(readOnly: false, cancellationToken).ConfigureAwait(false);
        var updated = await PrivatePlatformWriter.UpdateModelAsync(session, model, ownerUserId, cancellationToken).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return updated;
    }

    /// <inheritdoc />
    public async Task<bool> DeletePlatformModelAsync(long modelId, string ownerUserId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(ownerUserId);
        await using var session = await _dialect.BeginAsync(readOnly: false, cancellationToken).ConfigureAwait(false);
        var deleted = await PrivatePlatformWriter.DeleteModelAsync(session, modelId, ownerUserId, cancellationToken).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return deleted;
    }

    /// <inheritdoc />
    /// <remarks>The platform must be a system platform or one of the user's own; a replaced key keeps its id and becomes active.</remarks>
    /// <exception cref="ArgumentException">The user is the system user (use <see cref="InsertSystemKeyAsync"/>).</exception>
    /// <exception cref="KeyNotFoundException">The platform does not exist or is another user's private platform.</exception>
    public async Task<long> SetUserPlatformKeyAsync(long platformId, string userId, string sealedValue, string masked, CancellationToken cancellationToken)
    {
        ValidateKeyOwner(userId);
        ArgumentException.ThrowIfNullOrEmpty(sealedValue);
        ArgumentNullException.ThrowIfNull(masked);
        await using var session = await _dialect.BeginAsync(readOnly: false, cancellationToken).ConfigureAwait(false);
        var id = await PrivatePlatformWriter.SetUserKeyAsync(session, platformId, userId, sealedValue, masked, _timeProvider.GetUtcNow(), cancellationToken)
            .ConfigureAwait(false) ?? throw new KeyNotFoundException($"Platform {platformId} does not exist or belongs to another user.");
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return id;
    }

    /// <inheritdoc />
    public async Task<bool> DeleteUserPlatformKeyAsync(long platformId, string userId, CancellationToken cancellationToken)
    {
        ValidateKeyOwner(userId);
        await using var session = await _dialect.BeginAsync(readOnly: false, cancellationToken).ConfigureAwait(false);
        var deleted = await PrivatePlatformWriter.DeleteUserKeyAsync(session, platformId, userId, cancellationToken).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return deleted;
    }

    /// <inheritdoc />
    /// <remarks>The key is stored as a system key whatever its <see cref="ApiKeyConfig.OwnerUserId"/> says.</remarks>
    public async Task<long> InsertSystemKeyAsync(ApiKeyConfig key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        await using var session = await _dialect.BeginAsync(readOnly: false, cancellationToken).ConfigureAwait(false);
        var id = await PrivatePlatformWriter.InsertSystemKeyAsync(session, key, _timeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return id;
    }

    /// <inheritdoc />
    /// <remarks>Hash, masked form, user, role, creation and revocation never change here.</remarks>
    public async Task<bool> UpdateVirtualKeyAsync(VirtualKeyRecord key, string? ownerUserId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        await using var session = await _dialect.BeginAsync(readOnly: false, cancellationToken).ConfigureAwait(false);
        var updated = await TenancyWriter.UpdateVirtualKeyAsync(session, key, ownerUserId, cancellationToken).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return updated;
    }

    /// <inheritdoc />
    /// <remarks>A refusal rolls the whole transaction back, so no scope keeps a partial charge.</remarks>
    public async Task<LimitAdmission> TryAdmitAsync(IReadOnlyList<LimitCharge> charges, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(charges);
        foreach (var charge in charges)
        {
            ArgumentNullException.ThrowIfNull(charge, nameof(charges));
            ArgumentException.ThrowIfNullOrEmpty(charge.Scope, nameof(charges));
            ArgumentOutOfRangeException.ThrowIfNegative(charge.ReserveNanos, nameof(charges));
        }

        if (!charges.Any(c => c.BudgetNanos is not null || c.RequestsPerMinute is not null || c.TokensPerMinute is not null))
        {
            return LimitAdmission.Admitted;
        }

        await using var session = await _dialect.BeginAsync(readOnly: false, cancellationToken).ConfigureAwait(false);
        var admission = await LimitCounterStore.TryAdmitAsync(session, charges, cancellationToken).ConfigureAwait(false);
        if (admission.Accepted)
        {
            await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        return admission;
    }

    /// <inheritdoc />
    public async Task SettleAsync(IReadOnlyList<LimitSettlement> settlements, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settlements);
        if (settlements.Count == 0)
        {
            return;
        }

        await using var session = await _dialect.BeginAsync(readOnly: false, cancellationToken).ConfigureAwait(false);
        await LimitCounterStore.SettleAsync(session, settlements, cancellationToken).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<LimitCounters> GetCountersAsync(
        string scope, DateTimeOffset budgetWindowStart, DateTimeOffset minuteWindowStart, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(scope);
        await using var session = await _dialect.BeginAsync(readOnly: true, cancellationToken).ConfigureAwait(false);
        return await LimitCounterStore.GetCountersAsync(session, scope, budgetWindowStart, minuteWindowStart, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<int> PurgeMinuteCountersAsync(DateTimeOffset olderThan, CancellationToken cancellationToken)
    {
        await using var session = await _dialect.BeginAsync(readOnly: false, cancellationToken).ConfigureAwait(false);
        var purged = await LimitCounterStore.PurgeMinuteCountersAsync(session, olderThan, cancellationToken).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return purged;
    }

    /// <summary>Closes pooled connections.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            await _dialect.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Closes pooled connections.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private static void ValidateUser(UserRecord user)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentException.ThrowIfNullOrEmpty(user.Id, nameof(user));
        ArgumentNullException.ThrowIfNull(user.Limits, nameof(user));
    }

    private static void ValidateSlot(UsageSlotRecord slot)
    {
        ArgumentNullException.ThrowIfNull(slot);
        ArgumentException.ThrowIfNullOrEmpty(slot.UserId, nameof(slot));
        ArgumentException.ThrowIfNullOrEmpty(slot.Slot, nameof(slot));
        if (slot.CatalogModel is not null && slot.PlatformModelId is not null)
        {
            throw new ArgumentException($"Slot '{slot.Slot}' names both a catalog model and a platform model; it must name one.", nameof(slot));
        }
    }

    private static void ValidateKeyOwner(string userId)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        if (userId == SystemUser.Id)
        {
            throw new ArgumentException("System keys are not a user's own key: add them with InsertSystemKeyAsync.", nameof(userId));
        }
    }
}
