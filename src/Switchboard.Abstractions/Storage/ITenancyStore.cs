using Switchboard.Abstractions.Configuration;
using Switchboard.Abstractions.Tenancy;

namespace Switchboard.Abstractions.Storage;

/// <summary>Persists users, usage slots, hide flags, users' own keys and private platforms.</summary>
/// <remarks>
/// Every method that takes an <c>ownerUserId</c> only touches rows that user owns and reports "not found" otherwise,
/// so callers get tenant isolation from the query itself rather than from a check they might forget.
/// Implementations are singletons and thread-safe.
/// </remarks>
public interface ITenancyStore
{
    /// <summary>Reads users, slots and hide flags in one consistent read.</summary>
    Task<TenancyData> LoadTenancyAsync(CancellationToken cancellationToken);

    /// <summary>Gets one user, or null.</summary>
    Task<UserRecord?> GetUserAsync(string userId, CancellationToken cancellationToken);

    /// <summary>Creates the user with its slots when it does not exist yet; returns false when it already existed (nothing changes then).</summary>
    /// <remarks>Safe under concurrency: two replicas provisioning the same user both succeed and exactly one row results.</remarks>
    Task<bool> EnsureUserAsync(UserRecord user, IReadOnlyList<UsageSlotRecord> slots, CancellationToken cancellationToken);

    /// <summary>Creates or replaces a user's role, tier, status, display name and limits; returns true when it was created.</summary>
    Task<bool> UpsertUserAsync(UserRecord user, CancellationToken cancellationToken);

    /// <summary>Deletes a user with its slots, hide flags, own keys, private platforms and virtual keys; returns false when absent.</summary>
    Task<bool> DeleteUserAsync(string userId, CancellationToken cancellationToken);

    /// <summary>Creates or replaces one slot binding.</summary>
    Task SetSlotAsync(UsageSlotRecord slot, CancellationToken cancellationToken);

    /// <summary>Deletes a slot; returns false when absent.</summary>
    Task<bool> DeleteSlotAsync(string userId, string slot, CancellationToken cancellationToken);

    /// <summary>Rebinds a slot and records the repair, in one transaction.</summary>
    Task RepairSlotAsync(UsageSlotRecord repaired, SlotRepairRecord repair, CancellationToken cancellationToken);

    /// <summary>Lists a user's slot repairs, newest first.</summary>
    Task<IReadOnlyList<SlotRepairRecord>> ListSlotRepairsAsync(string userId, int limit, CancellationToken cancellationToken);

    /// <summary>Sets whether a user hides a platform.</summary>
    Task SetPlatformHiddenAsync(string userId, long platformId, bool hidden, CancellationToken cancellationToken);

    /// <summary>Creates a platform owned by <see cref="PlatformConfig.OwnerUserId"/>; returns its id. Throws <see cref="DuplicateNameException"/> when the owner already has one of that name.</summary>
    Task<long> InsertPlatformAsync(PlatformConfig platform, CancellationToken cancellationToken);

    /// <summary>Updates name, kind, preset, base URL, headers, options, extra body and enabled flag of a platform the owner owns, and applies <paramref name="keys"/> in the same transaction; returns false when not found (nothing changes then).</summary>
    Task<bool> UpdatePlatformAsync(PlatformConfig platform, PlatformKeyChange keys, CancellationToken cancellationToken);

    /// <summary>Deletes a platform the owner owns, with its models and keys; returns false when not found.</summary>
    Task<bool> DeletePlatformAsync(long platformId, string ownerUserId, CancellationToken cancellationToken);

    /// <summary>Adds a model to a platform the owner owns; returns its id, or null when the platform is not the owner's. Throws <see cref="DuplicateNameException"/> on a duplicate display name.</summary>
    Task<long?> InsertPlatformModelAsync(PlatformModelConfig model, string ownerUserId, CancellationToken cancellationToken);

    /// <summary>Updates a model of a platform the owner owns; returns false when not found.</summary>
    Task<bool> UpdatePlatformModelAsync(PlatformModelConfig model, string ownerUserId, CancellationToken cancellationToken);

    /// <summary>Deletes a model of a platform the owner owns; returns false when not found.</summary>
    Task<bool> DeletePlatformModelAsync(long modelId, string ownerUserId, CancellationToken cancellationToken);

    /// <summary>Stores the key a user brings for a platform (one per user and platform; replaces an earlier one); returns its id.</summary>
    Task<long> SetUserPlatformKeyAsync(long platformId, string userId, string sealedValue, string masked, CancellationToken cancellationToken);

    /// <summary>Removes a user's own key for a platform; returns false when there was none.</summary>
    Task<bool> DeleteUserPlatformKeyAsync(long platformId, string userId, CancellationToken cancellationToken);

    /// <summary>Adds a server (system) key to a platform's pool; returns its id.</summary>
    Task<long> InsertSystemKeyAsync(ApiKeyConfig key, CancellationToken cancellationToken);

    /// <summary>Updates a virtual key's name, expiry, model allowlist and limits; returns false when the key is absent (or not the given user's, when one is given).</summary>
    Task<bool> UpdateVirtualKeyAsync(VirtualKeyRecord key, string? ownerUserId, CancellationToken cancellationToken);
}
