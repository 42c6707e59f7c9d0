using System.Data.Common;
using Switchboard.Abstractions.Configuration;
using Switchboard.Abstractions.Storage;
using Switchboard.Storage.Internal;
using Switchboard.Storage.KeyQuotas;
using Switchboard.Storage.Pricing;

namespace Switchboard.Storage.Tenancy;

/// <summary>Writes platforms, their models and their keys on behalf of an owner, inside the caller's transaction.</summary>
/// <remarks>
/// Tenant isolation is part of every statement: a platform row matches only with <c>owner_user_id = @owner</c> and a
/// model only through a platform of that owner, so a wrong owner reads as "not found" and changes nothing.
/// The system owner (<see cref="SystemUser.Id"/>) manages system platforms through the same statements.
/// </remarks>
internal static class PrivatePlatformWriter
{
    private const string OwnedPlatformIds = "SELECT id FROM platforms WHERE owner_user_id = @owner";

    private const string ModelAssignments = "display_name = @display_name, upstream_model = @upstream_model, extra_body_json = @extra_body_json, " +
        PriceColumns.ModelAssignments + ", context_window = @context_window, type = @type, capabilities_json = @capabilities_json, enabled = @enabled";

    /// <summary>Inserts a platform owned by <see cref="PlatformConfig.OwnerUserId"/>; returns its id.</summary>
    /// <exception cref="DuplicateNameException">The owner already has a platform of that name.</exception>
    public static async Task<long> InsertPlatformAsync(DbSession session, PlatformConfig platform, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            return await session.ScalarInt64Async(
                "INSERT INTO platforms (name, kind, preset, base_url, headers_json, options_json, extra_body_json, owner_user_id, enabled, created_at, updated_at) " +
                "VALUES (@name, @kind, @preset, @base_url, @headers_json, @options_json, @extra_body_json, @owner, @enabled, @now, @now) RETURNING id",
                cancellationToken,
                [
                    .. PlatformParameters(session.Dialect, platform, now),
                    ("@kind", platform.Kind),
                    ("@preset", platform.Preset),
                ]).ConfigureAwait(false);
        }
        catch (DbException exception) when (UniqueViolation.Is(exception))
        {
            throw DuplicatePlatform(platform, exception);
        }
    }

    /// <summary>Updates a platform's name, kind, preset, base URL, headers, options, extra body and enabled flag; returns false when the owner has no such platform.</summary>
    /// <exception cref="DuplicateNameException">The new name is taken by another of the owner's platforms.</exception>
    public static async Task<bool> UpdatePlatformAsync(DbSession session, PlatformConfig platform, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            return await session.ExecuteAsync(
                "UPDATE platforms SET name = @name, kind = @kind, preset = @preset, base_url = @base_url, headers_json = @headers_json, " +
                "options_json = @options_json, extra_body_json = @extra_body_json, enabled = @enabled, updated_at = @now WHERE id = @id AND owner_user_id = @owner",
                cancellationToken,
                [.. PlatformParameters(session.Dialect, platform, now), ("@kind", platform.Kind), ("@preset", platform.Preset), ("@id", platform.Id)]).ConfigureAwait(false) > 0;
        }
        catch (DbException exception) when (UniqueViolation.Is(exception))
        {
            throw DuplicatePlatform(platform, exception);
        }
    }

    /// <summary>Applies a key change to one of the owner's platforms: the owner's keys are replaced and/or other users' own keys removed.</summary>
    /// <remarks>Call it in the transaction that changed the platform, so no reader ever sees the new platform with the old keys.</remarks>
    public static async Task ApplyKeyChangeAsync(DbSession session, PlatformConfig platform, PlatformKeyChange change, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (change.DropUsersKeys)
        {
            await session.ExecuteAsync(
                "DELETE FROM platform_keys WHERE platform_id = @platform_id AND owner_user_id <> @owner",
                cancellationToken,
                ("@platform_id", platform.Id),
                ("@owner", platform.OwnerUserId)).ConfigureAwait(false);
        }

        if (change.ReplaceOwnerKeys is not { } keys)
        {
            return;
        }

        await session.ExecuteAsync(
            "DELETE FROM platform_keys WHERE platform_id = @platform_id AND owner_user_id = @owner",
            cancellationToken,
            ("@platform_id", platform.Id),
            ("@owner", platform.OwnerUserId)).ConfigureAwait(false);
        foreach (var key in keys)
        {
            if (platform.OwnerUserId == SystemUser.Id)
            {
                await InsertSystemKeyAsync(session, key with { PlatformId = platform.Id }, now, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await SetUserKeyAsync(session, platform.Id, platform.OwnerUserId, key.SealedValue, key.Masked, now, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Deletes one of the owner's platforms; models, keys and hide flags go with it (ON DELETE CASCADE).</summary>
    public static async Task<bool> DeletePlatformAsync(DbSession session, long platformId, string ownerUserId, CancellationToken cancellationToken) =>
        await session.ExecuteAsync(
            "DELETE FROM platforms WHERE id = @id AND owner_user_id = @owner",
            cancellationToken,
            ("@id", platformId),
            ("@owner", ownerUserId)).ConfigureAwait(false) > 0;

    /// <summary>Adds a model to one of the owner's platforms; returns its id, or null when the platform is not the owner's.</summary>
    /// <exception cref="DuplicateNameException">The platform already has a model of that display name.</exception>
    public static async Task<long?> InsertModelAsync(DbSession session, PlatformModelConfig model, string ownerUserId, CancellationToken cancellationToken)
    {
        // Check, then insert: the owner of a platform never changes, and a platform deleted in between makes the
        // insert fail on its foreign key rather than create an orphan.
        var owned = await session.ScalarInt64Async(
            "SELECT COUNT(*) FROM platforms WHERE id = @platform_id AND owner_user_id = @owner",
            cancellationToken,
            ("@platform_id", model.PlatformId),
            ("@owner", ownerUserId)).ConfigureAwait(false);
        if (owned == 0)
        {
            return null;
        }

        try
        {
            return await session.ScalarInt64Async(
                "INSERT INTO platform_models (platform_id, display_name, upstream_model, extra_body_json, " + PriceColumns.ModelNames + ", " +
                "context_window, type, capabilities_json, enabled) " +
                "VALUES (@platform_id, @display_name, @upstream_model, @extra_body_json, " + PriceColumns.ModelValues + ", " +
                "@context_window, @type, @capabilities_json, @enabled) RETURNING id",
                cancellationToken,
                [.. ModelParameters(session.Dialect, model), ("@platform_id", model.PlatformId)]).ConfigureAwait(false);
        }
        catch (DbException exception) when (UniqueViolation.Is(exception))
        {
            throw DuplicateModel(model, exception);
        }
    }

    /// <summary>Updates a model of one of the owner's platforms; returns false when there is no such model.</summary>
    /// <remarks>The model stays on its platform: <see cref="PlatformModelConfig.PlatformId"/> is not written.</remarks>
    /// <exception cref="DuplicateNameException">The new display name is taken on the model's platform.</exception>
    public static async Task<bool> UpdateModelAsync(DbSession session, PlatformModelConfig model, string ownerUserId, CancellationToken cancellationToken)
    {
        try
        {
            return await session.ExecuteAsync(
                $"UPDATE platform_models SET {ModelAssignments} WHERE id = @id AND platform_id IN ({OwnedPlatformIds})",
                cancellationToken,
                [.. ModelParameters(session.Dialect, model), ("@id", model.Id), ("@owner", ownerUserId)]).ConfigureAwait(false) > 0;
        }
        catch (DbException exception) when (UniqueViolation.Is(exception))
        {
            throw DuplicateModel(model, exception);
        }
    }

    /// <summary>Deletes a model of one of the owner's platforms; slots naming it keep existing with no model.</summary>
    public static async Task<bool> DeleteModelAsync(DbSession session, long modelId, string ownerUserId, CancellationToken cancellationToken) =>
        await session.ExecuteAsync(
            $"DELETE FROM platform_models WHERE id = @id AND platform_id IN ({OwnedPlatformIds})",
            cancellationToken,
            ("@id", modelId),
            ("@owner", ownerUserId)).ConfigureAwait(false) > 0;

    /// <summary>Stores or replaces a user's own key for a system platform or one of the user's platforms; returns its id, or null when the platform is neither.</summary>
    /// <remarks>
    /// The upsert targets the partial unique index on <c>(platform_id, owner_user_id)</c>, so a replaced key keeps its id
    /// and two concurrent calls still leave one row. A replaced key starts active again.
    /// </remarks>
    public static async Task<long?> SetUserKeyAsync(
        DbSession session, long platformId, string userId, string sealedValue, string masked, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Every parameter here has a known type, so INSERT ... SELECT is safe on PostgreSQL; the WHERE also keeps
        // SQLite from reading ON CONFLICT as a join constraint.
        var ids = await session.QueryAsync(
            "INSERT INTO platform_keys (platform_id, owner_user_id, label, sealed_value, masked, weight, priority, status, created_at) " +
            "SELECT id, @owner, NULL, @sealed_value, @masked, 1, 0, 'active', @now FROM platforms " +
            "WHERE id = @platform_id AND owner_user_id IN ('-1', @owner) " +
            "ON CONFLICT (platform_id, owner_user_id) WHERE owner_user_id <> '-1' DO UPDATE SET sealed_value = excluded.sealed_value, " +
            "masked = excluded.masked, status = excluded.status, created_at = excluded.created_at RETURNING id",
            r => r.GetInt64(0),
            cancellationToken,
            ("@platform_id", platformId),
            ("@owner", userId),
            ("@sealed_value", sealedValue),
            ("@masked", masked),
            ("@now", session.Dialect.Time(now))).ConfigureAwait(false);
        return ids.Count == 0 ? null : ids[0];
    }

    /// <summary>Removes a user's own key for a platform; returns whether there was one.</summary>
    public static async Task<bool> DeleteUserKeyAsync(DbSession session, long platformId, string userId, CancellationToken cancellationToken) =>
        await session.ExecuteAsync(
            "DELETE FROM platform_keys WHERE platform_id = @platform_id AND owner_user_id = @owner AND owner_user_id <> '-1'",
            cancellationToken,
            ("@platform_id", platformId),
            ("@owner", userId)).ConfigureAwait(false) > 0;

    /// <summary>Adds a server key to a platform's pool; its owner is always the system user, whatever the record says.</summary>
    public static Task<long> InsertSystemKeyAsync(DbSession session, ApiKeyConfig key, DateTimeOffset now, CancellationToken cancellationToken) =>
        session.ScalarInt64Async(
            "INSERT INTO platform_keys (platform_id, owner_user_id, label, sealed_value, masked, weight, priority, status, created_at, " + KeyQuotaColumns.Names + ") " +
            "VALUES (@platform_id, @owner, @label, @sealed_value, @masked, @weight, @priority, @status, @now, " + KeyQuotaColumns.Values + ") RETURNING id",
            cancellationToken,
            [
                .. KeyQuotaColumns.Parameters(session.Dialect, key.Quota),
                ("@platform_id", key.PlatformId),
                ("@owner", SystemUser.Id),
                ("@label", key.Label),
                ("@sealed_value", key.SealedValue),
                ("@masked", key.Masked),
                ("@weight", key.Weight),
                ("@priority", key.Priority),
                ("@status", EnumText.ToText(key.Status)),
                ("@now", session.Dialect.Time(now)),
            ]);

    private static (string Name, object? Value)[] PlatformParameters(Dialect dialect, PlatformConfig platform, DateTimeOffset now) =>
    [
        ("@name", platform.Name),
        ("@base_url", platform.BaseUrl),
        ("@headers_json", StorageJson.Write(platform.Headers)),
        ("@options_json", StorageJson.Write(platform.Options)),
        ("@extra_body_json", platform.ExtraBodyJson),
        ("@owner", platform.OwnerUserId),
        ("@enabled", platform.Enabled),
        ("@now", dialect.Time(now)),
    ];

    /// <summary>Encodes every column of a platform model but its platform id, for inserts and updates.</summary>
    internal static (string Name, object? Value)[] ModelParameters(Dialect dialect, PlatformModelConfig model) =>
    [
        ("@display_name", model.DisplayName),
        ("@upstream_model", model.UpstreamModel),
        ("@extra_body_json", model.ExtraBodyJson),
        .. PriceColumns.ModelParameters(dialect, model),
        ("@context_window", model.ContextWindow),
        ("@type", model.Type),
        ("@capabilities_json", StorageJson.Write(model.Capabilities)),
        ("@enabled", model.Enabled),
    ];

    private static DuplicateNameException DuplicatePlatform(PlatformConfig platform, DbException inner) =>
        new(
            platform.OwnerUserId == SystemUser.Id
                ? $"A system platform named '{platform.Name}' already exists."
                : $"User '{platform.OwnerUserId}' already has a platform named '{platform.Name}'.",
            inner);

    private static DuplicateNameException DuplicateModel(PlatformModelConfig model, DbException inner) =>
        new($"The platform already has a model named '{model.DisplayName}'.", inner);
}
