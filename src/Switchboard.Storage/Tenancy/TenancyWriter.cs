using Switchboard.Abstractions.Configuration;
using Switchboard.Abstractions.Tenancy;
using Switchboard.Storage.Internal;

namespace Switchboard.Storage.Tenancy;

/// <summary>Writes users, usage slots, slot repairs, hide flags and virtual key settings inside the caller's transaction.</summary>
/// <remarks>
/// Instants a record leaves at <c>default</c> are stamped with <c>now</c>; set ones are stored as given, so callers
/// with their own clock (and tests) get exactly the times they passed.
/// </remarks>
internal static class TenancyWriter
{
    private const string UpsertSlotSql =
        "INSERT INTO usage_slots (user_id, slot, label, catalog_model, platform_model_id, position, updated_at) " +
        "VALUES (@user_id, @slot, @label, @catalog_model, @platform_model_id, @position, @updated_at) " +
        "ON CONFLICT (user_id, slot) DO UPDATE SET label = excluded.label, catalog_model = excluded.catalog_model, " +
        "platform_model_id = excluded.platform_model_id, position = excluded.position, updated_at = excluded.updated_at";

    private const string InsertSlotIfMissingSql =
        "INSERT INTO usage_slots (user_id, slot, label, catalog_model, platform_model_id, position, updated_at) " +
        "VALUES (@user_id, @slot, @label, @catalog_model, @platform_model_id, @position, @updated_at) " +
        "ON CONFLICT (user_id, slot) DO NOTHING";

    private const string VirtualKeyAssignments =
        "name = @name, expires_at = @expires_at, allowed_models_json = @allowed_models_json, cache_ttl_seconds = @cache_ttl_seconds, " + LimitColumns.Assignments;

    /// <summary>Inserts the user and, only when it was new, its slots; returns whether the user was new.</summary>
    /// <remarks>
    /// <c>ON CONFLICT DO NOTHING</c> makes concurrent provisioning safe: on PostgreSQL the second insert waits for the
    /// first transaction and then does nothing, on SQLite writers are serialized, so exactly one caller sees true.
    /// </remarks>
    public static async Task<bool> EnsureUserAsync(
        DbSession session, UserRecord user, IReadOnlyList<UsageSlotRecord> slots, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!await InsertUserIfMissingAsync(session, user, now, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        foreach (var slot in slots)
        {
            await session.ExecuteAsync(InsertSlotIfMissingSql, cancellationToken, SlotParameters(session.Dialect, slot, now)).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>Inserts the user or replaces its role, tier, status, display name and limits; returns whether it was new.</summary>
    /// <remarks>Insert-then-update rather than one upsert, because only the insert's row count says portably whether the row was new.</remarks>
    public static async Task<bool> UpsertUserAsync(DbSession session, UserRecord user, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await InsertUserIfMissingAsync(session, user, now, cancellationToken).ConfigureAwait(false))
        {
            return true;
        }

        var dialect = session.Dialect;
        await session.ExecuteAsync(
            "UPDATE users SET role = @role, tier = @tier, status = @status, display_name = @display_name, " +
            LimitColumns.Assignments + ", updated_at = @updated_at WHERE id = @id",
            cancellationToken,
            [
                .. UserParameters(user),
                .. LimitColumns.Parameters(dialect, user.Limits),
                ("@updated_at", dialect.Time(Or(user.UpdatedAt, now))),
            ]).ConfigureAwait(false);
        return false;
    }

    /// <summary>Deletes everything a user owns; returns whether anything was there.</summary>
    /// <remarks>
    /// Private platforms take their models, keys and hide flags with them (ON DELETE CASCADE); other users' slots that
    /// named one of those models keep existing with no model, like after any model deletion. Virtual keys are deleted
    /// rather than revoked: nothing could use a revoked key of a user that no longer exists.
    /// </remarks>
    public static async Task<bool> DeleteUserAsync(DbSession session, string userId, CancellationToken cancellationToken)
    {
        string[] statements =
        [
            "DELETE FROM usage_slots WHERE user_id = @user_id",
            "DELETE FROM slot_repairs WHERE user_id = @user_id",
            "DELETE FROM platform_visibility WHERE user_id = @user_id",
            "DELETE FROM platform_keys WHERE owner_user_id = @user_id",
            "DELETE FROM platforms WHERE owner_user_id = @user_id",
            "DELETE FROM virtual_keys WHERE user_id = @user_id",
            "DELETE FROM users WHERE id = @user_id",
        ];
        var removed = 0;
        foreach (var sql in statements)
        {
            removed += await session.ExecuteAsync(sql, cancellationToken, ("@user_id", userId)).ConfigureAwait(false);
        }

        return removed > 0;
    }

    /// <summary>Creates or replaces one slot binding.</summary>
    public static Task<int> SetSlotAsync(DbSession session, UsageSlotRecord slot, DateTimeOffset now, CancellationToken cancellationToken) =>
        session.ExecuteAsync(UpsertSlotSql, cancellationToken, SlotParameters(session.Dialect, slot, now));

    /// <summary>Deletes one slot; returns whether it existed.</summary>
    public static async Task<bool> DeleteSlotAsync(DbSession session, string userId, string slot, CancellationToken cancellationToken) =>
        await session.ExecuteAsync(
            "DELETE FROM usage_slots WHERE user_id = @user_id AND slot = @slot",
            cancellationToken,
            ("@user_id", userId),
            ("@slot", slot)).ConfigureAwait(false) > 0;

    /// <summary>Rebinds a slot and records why.</summary>
    public static async Task RepairSlotAsync(
        DbSession session, UsageSlotRecord repaired, SlotRepairRecord repair, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var repairedAt = Or(repair.RepairedAt, now);
        await SetSlotAsync(session, repaired, repairedAt, cancellationToken).ConfigureAwait(false);
        await session.ExecuteAsync(
            "INSERT INTO slot_repairs (user_id, slot, from_model, to_model, reason, repaired_at) " +
            "VALUES (@user_id, @slot, @from_model, @to_model, @reason, @repaired_at)",
            cancellationToken,
            ("@user_id", repair.UserId),
            ("@slot", repair.Slot),
            ("@from_model", repair.FromModel),
            ("@to_model", repair.ToModel),
            ("@reason", repair.Reason),
            ("@repaired_at", session.Dialect.Time(repairedAt))).ConfigureAwait(false);
    }

    /// <summary>Sets or clears a user's hide flag for a platform.</summary>
    public static Task<int> SetPlatformHiddenAsync(DbSession session, string userId, long platformId, bool hidden, CancellationToken cancellationToken) =>
        session.ExecuteAsync(
            "INSERT INTO platform_visibility (user_id, platform_id, hidden) VALUES (@user_id, @platform_id, @hidden) " +
            "ON CONFLICT (user_id, platform_id) DO UPDATE SET hidden = excluded.hidden",
            cancellationToken,
            ("@user_id", userId),
            ("@platform_id", platformId),
            ("@hidden", hidden));

    /// <summary>Updates a virtual key's name, expiry, allowlist and limits, optionally only when it is the owner's.</summary>
    public static async Task<bool> UpdateVirtualKeyAsync(DbSession session, VirtualKeyRecord key, string? ownerUserId, CancellationToken cancellationToken)
    {
        // Two texts instead of "@owner IS NULL OR ...": PostgreSQL cannot type a parameter that is only ever compared with NULL.
        const string ByIdSql = "UPDATE virtual_keys SET " + VirtualKeyAssignments + " WHERE id = @id";
        const string ByIdAndOwnerSql = ByIdSql + " AND user_id = @owner";
        (string, object?)[] parameters = [.. VirtualKeyParameters(session.Dialect, key), ("@id", key.Id)];
        var rows = ownerUserId is null
            ? await session.ExecuteAsync(ByIdSql, cancellationToken, parameters).ConfigureAwait(false)
            : await session.ExecuteAsync(ByIdAndOwnerSql, cancellationToken, [.. parameters, ("@owner", ownerUserId)]).ConfigureAwait(false);
        return rows > 0;
    }

    /// <summary>Gets the parameters for the columns a virtual key gained with tenancy, plus name and expiry.</summary>
    public static (string Name, object? Value)[] VirtualKeyParameters(Dialect dialect, VirtualKeyRecord key) =>
    [
        ("@name", key.Name),
        ("@expires_at", dialect.TimeOrNull(key.ExpiresAt)),
        ("@allowed_models_json", StorageJson.Write(key.AllowedModels)),
        ("@cache_ttl_seconds", key.CacheTtlSeconds),
        .. LimitColumns.Parameters(dialect, key.Limits),
    ];

    private static async Task<bool> InsertUserIfMissingAsync(DbSession session, UserRecord user, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var dialect = session.Dialect;
        var createdAt = Or(user.CreatedAt, now);
        var rows = await session.ExecuteAsync(
            "INSERT INTO users (id, role, tier, status, display_name, " + LimitColumns.Names + ", created_at, updated_at) " +
            "VALUES (@id, @role, @tier, @status, @display_name, " + LimitColumns.Values + ", @created_at, @updated_at) " +
            "ON CONFLICT (id) DO NOTHING",
            cancellationToken,
            [
                .. UserParameters(user),
                .. LimitColumns.Parameters(dialect, user.Limits),
                ("@created_at", dialect.Time(createdAt)),
                ("@updated_at", dialect.Time(Or(user.UpdatedAt, createdAt))),
            ]).ConfigureAwait(false);
        return rows > 0;
    }

    private static (string Name, object? Value)[] UserParameters(UserRecord user) =>
    [
        ("@id", user.Id),
        ("@role", user.Role),
        ("@tier", user.Tier),
        ("@status", EnumText.ToText(user.Status)),
        ("@display_name", user.DisplayName),
    ];

    private static (string Name, object? Value)[] SlotParameters(Dialect dialect, UsageSlotRecord slot, DateTimeOffset now) =>
    [
        ("@user_id", slot.UserId),
        ("@slot", slot.Slot),
        ("@label", slot.Label),
        ("@catalog_model", slot.CatalogModel),
        ("@platform_model_id", slot.PlatformModelId),
        ("@position", slot.Position),
        ("@updated_at", dialect.Time(Or(slot.UpdatedAt, now))),
    ];

    private static DateTimeOffset Or(DateTimeOffset value, DateTimeOffset fallback) => value == default ? fallback : value;
}
