using System.Data.Common;
using Switchboard.Abstractions.Tenancy;
using Switchboard.Storage.Internal;

namespace Switchboard.Storage.Tenancy;

/// <summary>Reads users, usage slots, slot repairs and hide flags inside the caller's transaction.</summary>
internal static class TenancyReader
{
    private const string UserColumns =
        "id, role, tier, status, display_name, " + LimitColumns.Names + ", created_at, updated_at";

    /// <summary>Reads every user, slot and hide flag.</summary>
    public static Task<TenancyData> LoadAsync(DbSession session, CancellationToken cancellationToken) =>
        LoadAsync(session, null, cancellationToken);

    /// <summary>Reads the users with <paramref name="userIds"/> (every user when null), with their slots and hide flags.</summary>
    public static async Task<TenancyData> LoadAsync(DbSession session, IReadOnlyList<string>? userIds, CancellationToken cancellationToken)
    {
        var dialect = session.Dialect;
        var (list, parameters) = userIds is null ? ("", []) : SqlLists.In("@user", userIds);
        var byId = userIds is null ? "" : $"WHERE id IN ({list}) ";
        var byUser = userIds is null ? "" : $"WHERE user_id IN ({list}) ";
        var users = await session.QueryAsync(
            $"SELECT {UserColumns} FROM users {byId}ORDER BY id",
            r => ReadUser(dialect, r),
            cancellationToken,
            parameters).ConfigureAwait(false);

        var slots = await session.QueryAsync(
            $"SELECT user_id, slot, label, catalog_model, platform_model_id, position, updated_at FROM usage_slots {byUser}ORDER BY user_id, position, slot",
            r => new UsageSlotRecord
            {
                UserId = r.GetString(0),
                Slot = r.GetString(1),
                Label = r.GetString(2),
                CatalogModel = r.GetStringOrNull(3),
                PlatformModelId = r.GetInt64OrNull(4),
                Position = r.GetInt32(5),
                UpdatedAt = dialect.ReadTime(r, 6),
            },
            cancellationToken,
            parameters).ConfigureAwait(false);

        var visibility = await session.QueryAsync(
            $"SELECT user_id, platform_id, hidden FROM platform_visibility {byUser}ORDER BY user_id, platform_id",
            r => new PlatformVisibilityRecord(r.GetString(0), r.GetInt64(1), r.GetBoolean(2)),
            cancellationToken,
            parameters).ConfigureAwait(false);

        return new TenancyData { Users = users, Slots = slots, Visibility = visibility };
    }

    /// <summary>Reads one user, or null.</summary>
    public static async Task<UserRecord?> GetUserAsync(DbSession session, string userId, CancellationToken cancellationToken)
    {
        var dialect = session.Dialect;
        var users = await session.QueryAsync(
            $"SELECT {UserColumns} FROM users WHERE id = @id",
            r => ReadUser(dialect, r),
            cancellationToken,
            ("@id", userId)).ConfigureAwait(false);
        return users.Count == 0 ? null : users[0];
    }

    /// <summary>Reads a user's most recent slot repairs, newest first.</summary>
    public static async Task<IReadOnlyList<SlotRepairRecord>> ListSlotRepairsAsync(
        DbSession session, string userId, int limit, CancellationToken cancellationToken)
    {
        var dialect = session.Dialect;
        return await session.QueryAsync(
            "SELECT id, user_id, slot, from_model, to_model, reason, repaired_at FROM slot_repairs " +
            "WHERE user_id = @user_id ORDER BY repaired_at DESC, id DESC LIMIT @limit",
            r => new SlotRepairRecord
            {
                Id = r.GetInt64(0),
                UserId = r.GetString(1),
                Slot = r.GetString(2),
                FromModel = r.GetString(3),
                ToModel = r.GetString(4),
                Reason = r.GetString(5),
                RepairedAt = dialect.ReadTime(r, 6),
            },
            cancellationToken,
            ("@user_id", userId),
            ("@limit", limit)).ConfigureAwait(false);
    }

    private static UserRecord ReadUser(Dialect dialect, DbDataReader reader) => new()
    {
        Id = reader.GetString(0),
        Role = reader.GetString(1),
        Tier = reader.GetString(2),
        Status = EnumText.ParseUserStatus(reader.GetString(3)),
        DisplayName = reader.GetStringOrNull(4),
        Limits = LimitColumns.Read(dialect, reader, 5),
        CreatedAt = dialect.ReadTime(reader, 10),
        UpdatedAt = dialect.ReadTime(reader, 11),
    };
}
