using Switchboard.Abstractions.Configuration;
using Switchboard.Abstractions.Storage;
using Switchboard.Abstractions.Tenancy;
using Switchboard.Storage.Configuration;
using Switchboard.Storage.Internal;

namespace Switchboard.Storage.Tenancy;

/// <summary>Stores users, their slots, private platforms and users' own keys (<see cref="ITenancyStore"/>).</summary>
internal sealed class TenancyStore(Dialect dialect, TimeProvider timeProvider) : ITenancyStore
{
    /// <inheritdoc />
    public async Task<TenancyData> LoadTenancyAsync(CancellationToken cancellationToken)
    {
        await using var session = await dialect.BeginAsync(readOnly: true, cancellationToken).ConfigureAwait(false);
        var data = await TenancyReader.LoadAsync(session, cancellationToken).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return data;
    }

    /// <inheritdoc />
    public async Task<UserRecord?> GetUserAsync(string userId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        await using var session = await dialect.BeginAsync(readOnly: true, cancellationToken).ConfigureAwait(false);
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

        await using var session = await dialect.BeginAsync(readOnly: false, cancellationToken).ConfigureAwait(false);
        var start = await ConfigChangeLog.StartAsync(session, cancellationToken).ConfigureAwait(false);
        var created = await TenancyWriter.EnsureUserAsync(session, user, slots, timeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        await ConfigChangeLog.RecordAsync(session, start, ConfigChangeKinds.User, user.Id, cancellationToken).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return created;
    }

    /// <inheritdoc />
    public async Task<bool> UpsertUserAsync(UserRecord user, CancellationToken cancellationToken)
    {
        ValidateUser(user);
        await using var session = await dialect.BeginAsync(readOnly: false, cancellationToken).ConfigureAwait(false);
        var start = await ConfigChangeLog.StartAsync(session, cancellationToken).ConfigureAwait(false);
        var created = await TenancyWriter.UpsertUserAsync(session, user, timeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        await ConfigChangeLog.RecordAsync(session, start, ConfigChangeKinds.User, user.Id, cancellationToken).ConfigureAwait(false);
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

        await using var session = await dialect.BeginAsync(readOnly: false, cancellationToken).ConfigureAwait(false);
        var deleted = await TenancyWriter.DeleteUserAsync(session, userId, cancellationToken).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return deleted;
    }

    /// <inheritdoc />
    public async Task SetSlotAsync(UsageSlotRecord slot, CancellationToken cancellationToken)
    {
        ValidateSlot(slot);
        await using var session = await dialect.BeginAsync(readOnly: false, cancellationToken).ConfigureAwait(false);
        await TenancyWriter.SetSlotAsync(session, slot, timeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<bool> DeleteSlotAsync(string userId, string slot, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentException.ThrowIfNullOrEmpty(slot);
        await using var session = await dialect.BeginAsync(readOnly: false, cancellationToken).ConfigureAwait(false);
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

        await using var session = await dialect.BeginAsync(readOnly: false, cancellationToken).ConfigureAwait(false);
        await TenancyWriter.RepairSlotAsync(session, repaired, repair, timeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<SlotRepairRecord>> ListSlotRepairsAsync(string userId, int limit, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var session = await dialect.BeginAsync(readOnly: true, cancellationToken).ConfigureAwait(false);
        return await TenancyReader.ListSlotRepairsAsync(session, userId, limit, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>Showing a platform again keeps a row with <c>hidden = false</c>; <see cref="TenancyData.Visibility"/> lists it with <see cref="PlatformVisibilityRecord.Hidden"/> false.</remarks>
    public async Task SetPlatformHiddenAsync(string userId, long platformId, bool hidden, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        await using var session = await dialect.BeginAsync(readOnly: false, cancellationToken).ConfigureAwait(false);
        await TenancyWriter.SetPlatformHiddenAsync(session, userId, platformId, hidden, cancellationToken).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<long> InsertPlatformAsync(PlatformConfig platform, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentException.ThrowIfNullOrEmpty(platform.OwnerUserId);
        await using var session = await dialect.BeginAsync(readOnly: false, cancellationToken).ConfigureAwait(false);
        var id = await PrivatePlatformWriter.InsertPlatformAsync(session, platform, timeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return id;
    }

    /// <inheritdoc />
    /// <remarks>The platform is matched by <see cref="PlatformConfig.Id"/> and <see cref="PlatformConfig.OwnerUserId"/>.</remarks>
    /// <exception cref="ArgumentException">A user's platform is given more than one key (a user has one key per platform).</exception>
    public async Task<bool> UpdatePlatformAsync(PlatformConfig platform, PlatformKeyChange keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentException.ThrowIfNullOrEmpty(platform.OwnerUserId);
        if (platform.OwnerUserId != SystemUser.Id && keys.ReplaceOwnerKeys is { Count: > 1 })
        {
            throw new ArgumentException("A user's platform holds one key of its owner.", nameof(keys));
        }

        var now = timeProvider.GetUtcNow();
        await using var session = await dialect.BeginAsync(readOnly: false, cancellationToken).ConfigureAwait(false);
        var updated = await PrivatePlatformWriter.UpdatePlatformAsync(session, platform, now, cancellationToken).ConfigureAwait(false);
        if (!updated)
        {
            return false;
        }

        await PrivatePlatformWriter.ApplyKeyChangeAsync(session, platform, keys, now, cancellationToken).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <inheritdoc />
    public async Task<bool> DeletePlatformAsync(long platformId, string ownerUserId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(ownerUserId);
        await using var session = await dialect.BeginAsync(readOnly: false, cancellationToken).ConfigureAwait(false);
        var deleted = await PrivatePlatformWriter.DeletePlatformAsync(session, platformId, ownerUserId, cancellationToken).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return deleted;
    }

    /// <inheritdoc />
    public async Task<long?> InsertPlatformModelAsync(PlatformModelConfig model, string ownerUserId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(ownerUserId);
        await using var session = await dialect.BeginAsync(readOnly: false, cancellationToken).ConfigureAwait(false);
        var id = await PrivatePlatformWriter.InsertModelAsync(session, model, ownerUserId, cancellationToken).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return id;
    }

    /// <inheritdoc />
    public async Task<bool> UpdatePlatformModelAsync(PlatformModelConfig model, string ownerUserId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(ownerUserId);
        await using var session = await dialect.BeginAsync(readOnly: false, cancellationToken).ConfigureAwait(false);
        var updated = await PrivatePlatformWriter.UpdateModelAsync(session, model, ownerUserId, cancellationToken).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return updated;
    }

    /// <inheritdoc />
    public async Task<bool> DeletePlatformModelAsync(long modelId, string ownerUserId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(ownerUserId);
        await using var session = await dialect.BeginAsync(readOnly: false, cancellationToken).ConfigureAwait(false);
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
        await using var session = await dialect.BeginAsync(readOnly: false, cancellationToken).ConfigureAwait(false);
        var id = await PrivatePlatformWriter.SetUserKeyAsync(session, platformId, userId, sealedValue, masked, timeProvider.GetUtcNow(), cancellationToken)
            .ConfigureAwait(false) ?? throw new KeyNotFoundException($"Platform {platformId} does not exist or belongs to another user.");
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return id;
    }

    /// <inheritdoc />
    public async Task<bool> DeleteUserPlatformKeyAsync(long platformId, string userId, CancellationToken cancellationToken)
    {
        ValidateKeyOwner(userId);
        await using var session = await dialect.BeginAsync(readOnly: false, cancellationToken).ConfigureAwait(false);
        var deleted = await PrivatePlatformWriter.DeleteUserKeyAsync(session, platformId, userId, cancellationToken).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return deleted;
    }

    /// <inheritdoc />
    /// <remarks>The key is stored as a system key whatever its <see cref="ApiKeyConfig.OwnerUserId"/> says.</remarks>
    public async Task<long> InsertSystemKeyAsync(ApiKeyConfig key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        await using var session = await dialect.BeginAsync(readOnly: false, cancellationToken).ConfigureAwait(false);
        var id = await PrivatePlatformWriter.InsertSystemKeyAsync(session, key, timeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return id;
    }

    /// <inheritdoc />
    /// <remarks>Hash, masked form, user, role, creation and revocation never change here.</remarks>
    public async Task<bool> UpdateVirtualKeyAsync(VirtualKeyRecord key, string? ownerUserId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        await using var session = await dialect.BeginAsync(readOnly: false, cancellationToken).ConfigureAwait(false);
        var start = await ConfigChangeLog.StartAsync(session, cancellationToken).ConfigureAwait(false);
        var updated = await TenancyWriter.UpdateVirtualKeyAsync(session, key, ownerUserId, cancellationToken).ConfigureAwait(false);
        await ConfigChangeLog.RecordAsync(session, start, ConfigChangeKinds.VirtualKey, key.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return updated;
    }

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
