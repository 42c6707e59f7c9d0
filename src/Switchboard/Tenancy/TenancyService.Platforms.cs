using Switchboard.Abstractions.Configuration;
using Switchboard.Abstractions.Storage;
using Switchboard.Core.Errors;
using Switchboard.Core.Pipeline;
using Switchboard.Core.Secrets;
using Switchboard.Core.Tenancy;

namespace Switchboard.Tenancy;

/// <summary>Platform, model, key and visibility changes, for users (private platforms, own keys) and admins (system platforms).</summary>
public sealed partial class TenancyService
{
    /// <summary>Lists every platform model a caller may pick, with the platform's hide flag and whether a key is set (the classic <c>get_platform_models</c>).</summary>
    public IReadOnlyList<PlatformModelView> ListPlatformModels(CallerIdentity caller)
    {
        var view = TenantView.For(_snapshots.Current, caller);
        var state = view.State;
        var result = new List<PlatformModelView>();
        var platforms = state.PlatformsById.Values
            .Where(p => p.Config.OwnerUserId == SystemUser.Id || (state.Mode == TenancyModes.MultiCustom && p.Config.OwnerUserId == view.UserId))
            .OrderBy(p => p.Config.OwnerUserId == SystemUser.Id ? 0 : 1).ThenBy(p => p.Config.Id);
        foreach (var platform in platforms)
        {
            var hidden = state.IsHidden(view.UserId, platform.Config.Id);
            var keySet = view.ApiKeySet(platform);
            foreach (var source in state.SourcesByModelId.Values.Where(s => ReferenceEquals(s.Platform, platform)).OrderBy(s => s.Model.Id))
            {
                var entry = view.FindByPlatformModelId(source.Model.Id);
                if (entry is not null && view.Denial(entry) is null)
                {
                    result.Add(new PlatformModelView(platform.Config.Id, platform.Name, platform.Config.OwnerUserId == SystemUser.Id, hidden,
                        platform.Endpoint.BaseUrl.ToString(), keySet, source.Model.Id, source.Model.UpstreamModel, source.Model.DisplayName));
                }
            }
        }

        return result;
    }

    /// <summary>Creates a platform: a private one for a user (multi-custom mode only), or a system one when <paramref name="ownerUserId"/> is the system user.</summary>
    public async Task<(long? Id, GatewayError? Error)> CreatePlatformAsync(string ownerUserId, PlatformConfig platform, string? apiKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(platform);
        if (MayNotOwnPlatforms(ownerUserId) is { } refusal)
        {
            return (null, refusal);
        }

        if (ValidatePlatform(platform) is { } invalid)
        {
            return (null, invalid);
        }

        long id;
        try
        {
            id = await _store.InsertPlatformAsync(platform with { OwnerUserId = ownerUserId }, cancellationToken).ConfigureAwait(false);
        }
        catch (DuplicateNameException)
        {
            return (null, Conflict($"A platform named '{platform.Name}' already exists."));
        }

        if (!string.IsNullOrEmpty(apiKey))
        {
            await StoreKeyAsync(ownerUserId, id, platform.Name, apiKey, cancellationToken).ConfigureAwait(false);
        }

        await _runtime.ReloadAsync(cancellationToken).ConfigureAwait(false);
        return (id, null);
    }

    /// <summary>Updates a platform the owner owns; a renamed private platform has its keys re-sealed under the new name.</summary>
    /// <param name="ownerUserId">The owner: a user for a private platform, or the system user.</param>
    /// <param name="platformId">The platform.</param>
    /// <param name="change">Computes the new platform from the stored one.</param>
    /// <param name="newKeys">The owner's keys for the platform, which replace the stored ones (an empty list removes them); null keeps them.</param>
    /// <param name="cancellationToken">Cancels the change.</param>
    /// <remarks>
    /// A base URL that moves to a new host (<see cref="KeyHostRule"/>) never takes the stored keys along: without
    /// <paramref name="newKeys"/> it is refused with 400 <c>api_key_required_for_new_host</c> when the owner has keys, and
    /// users' own keys for a moved system platform are dropped (they were given for the old host). The platform, its new
    /// keys and the dropped keys change in one transaction, so no request ever sees the new host with an old key.
    /// </remarks>
    public async Task<(PlatformUpdate? Update, GatewayError? Error)> UpdatePlatformAsync(
        string ownerUserId, long platformId, Func<PlatformConfig, PlatformConfig> change, IReadOnlyList<string>? newKeys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (MayNotOwnPlatforms(ownerUserId) is { } refusal)
        {
            return (null, refusal);
        }

        if (ValidateNewKeys(ownerUserId, newKeys) is { } badKeys)
        {
            return (null, badKeys);
        }

        var data = await _config.LoadAsync(cancellationToken).ConfigureAwait(false);
        var current = data.Platforms.FirstOrDefault(p => p.Id == platformId && p.OwnerUserId == ownerUserId);
        if (current is null)
        {
            return (null, PlatformNotFound(platformId));
        }

        var updated = change(current) with { Id = platformId, OwnerUserId = ownerUserId };
        if (ValidatePlatform(updated) is { } invalid)
        {
            return (null, invalid);
        }

        var ownKeys = data.Keys.Where(k => k.PlatformId == platformId && k.OwnerUserId == ownerUserId).ToList();
        var usersKeys = data.Keys.Where(k => k.PlatformId == platformId && k.OwnerUserId != ownerUserId).ToList();
        var moved = KeyHostRule.MovesKeys(current.BaseUrl, updated.BaseUrl);
        if (moved && newKeys is null && ownKeys.Count > 0)
        {
            return (null, KeyRequiredForNewHost(current, updated));
        }

        var renamed = !string.Equals(updated.Name, current.Name, StringComparison.Ordinal);
        var keysKept = (newKeys is null ? ownKeys.Count : 0) + (moved ? 0 : usersKeys.Count);
        if (renamed && ownerUserId == SystemUser.Id && keysKept > 0)
        {
            return (null, GatewayErrors.InvalidRequest("A system platform with keys cannot be renamed: its keys are sealed under its name. Create a new platform instead.", "name", "rename_not_supported"));
        }

        // A move without new keys still replaces the owner's keys with none, inside the transaction: a key added for
        // the old host between the check above and the write must not travel either.
        var sealedKeys = newKeys?.Select(key => SealKey(ownerUserId, platformId, updated.Name, key)).ToList()
            ?? (moved ? [] : null);
        try
        {
            if (!await _store.UpdatePlatformAsync(updated, new PlatformKeyChange { ReplaceOwnerKeys = sealedKeys, DropUsersKeys = moved }, cancellationToken).ConfigureAwait(false))
            {
                return (null, PlatformNotFound(platformId));
            }
        }
        catch (DuplicateNameException)
        {
            return (null, Conflict($"A platform named '{updated.Name}' already exists."));
        }

        if (renamed && newKeys is null)
        {
            foreach (var key in ownKeys)
            {
                var context = SecretContexts.PlatformKey(ownerUserId, current.Name);
                if (_runtime.Sealer.TryUnseal(key.SealedValue, context, out var secret))
                {
                    await StoreKeyAsync(ownerUserId, platformId, updated.Name, secret, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        var dropped = moved ? usersKeys : [];
        if (moved)
        {
            LogMovedHost(_logger, updated.Name, KeyHostRule.Origin(current.BaseUrl) ?? "?", KeyHostRule.Origin(updated.BaseUrl) ?? "?", ownKeys.Count, dropped.Count);
        }

        await _runtime.ReloadAsync(cancellationToken).ConfigureAwait(false);
        return (new PlatformUpdate(current, updated, ownKeys, sealedKeys ?? ownKeys, dropped), null);
    }

    /// <summary>Deletes a platform the owner owns, with its models and keys.</summary>
    public async Task<GatewayError?> DeletePlatformAsync(string ownerUserId, long platformId, CancellationToken cancellationToken)
    {
        if (ownerUserId != SystemUser.Id && State.Mode != TenancyModes.MultiCustom)
        {
            return MayNotOwnPlatforms(ownerUserId);
        }

        if (!await _store.DeletePlatformAsync(platformId, ownerUserId, cancellationToken).ConfigureAwait(false))
        {
            return PlatformNotFound(platformId);
        }

        await _runtime.ReloadAsync(cancellationToken).ConfigureAwait(false);
        return null;
    }

    /// <summary>Adds a model to a platform the owner owns.</summary>
    public async Task<(long? Id, GatewayError? Error)> AddModelAsync(string ownerUserId, PlatformModelConfig model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (MayNotOwnPlatforms(ownerUserId) is { } refusal)
        {
            return (null, refusal);
        }

        if (string.IsNullOrWhiteSpace(model.DisplayName) || string.IsNullOrWhiteSpace(model.UpstreamModel))
        {
            return (null, GatewayErrors.InvalidRequest("'model_name' and 'display_name' are required.", "model_name", "missing_field"));
        }

        if (ValidateExtraBody(model.ExtraBodyJson) is { } badBody)
        {
            return (null, badBody);
        }

        long? id;
        try
        {
            id = await _store.InsertPlatformModelAsync(model, ownerUserId, cancellationToken).ConfigureAwait(false);
        }
        catch (DuplicateNameException)
        {
            return (null, Conflict($"A model named '{model.DisplayName}' already exists on this platform."));
        }

        if (id is null)
        {
            return (null, PlatformNotFound(model.PlatformId));
        }

        await _runtime.ReloadAsync(cancellationToken).ConfigureAwait(false);
        return (id, null);
    }

    /// <summary>Updates a model of a platform the owner owns.</summary>
    public async Task<GatewayError?> UpdateModelAsync(string ownerUserId, long modelId, Func<PlatformModelConfig, PlatformModelConfig> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (MayNotOwnPlatforms(ownerUserId) is { } refusal)
        {
            return refusal;
        }

        var data = await _config.LoadAsync(cancellationToken).ConfigureAwait(false);
        var current = data.Models.FirstOrDefault(m => m.Id == modelId && data.Platforms.Any(p => p.Id == m.PlatformId && p.OwnerUserId == ownerUserId));
        if (current is null)
        {
            return ModelNotFound(modelId);
        }

        var updated = change(current) with { Id = modelId, PlatformId = current.PlatformId };
        if (ValidateExtraBody(updated.ExtraBodyJson) is { } badBody)
        {
            return badBody;
        }

        try
        {
            if (!await _store.UpdatePlatformModelAsync(updated, ownerUserId, cancellationToken).ConfigureAwait(false))
            {
                return ModelNotFound(modelId);
            }
        }
        catch (DuplicateNameException)
        {
            return Conflict($"A model named '{updated.DisplayName}' already exists on this platform.");
        }

        await _runtime.ReloadAsync(cancellationToken).ConfigureAwait(false);
        return null;
    }

    /// <summary>Deletes a model of a platform the owner owns.</summary>
    public async Task<GatewayError?> DeleteModelAsync(string ownerUserId, long modelId, CancellationToken cancellationToken)
    {
        if (ownerUserId != SystemUser.Id && State.Mode != TenancyModes.MultiCustom)
        {
            return MayNotOwnPlatforms(ownerUserId);
        }

        if (!await _store.DeletePlatformModelAsync(modelId, ownerUserId, cancellationToken).ConfigureAwait(false))
        {
            return ModelNotFound(modelId);
        }

        await _runtime.ReloadAsync(cancellationToken).ConfigureAwait(false);
        return null;
    }

    /// <summary>Hides or shows a platform in a caller's listings; a hidden platform's models are repaired away from their slots.</summary>
    public async Task<GatewayError?> SetPlatformHiddenAsync(CallerIdentity caller, long platformId, bool hidden, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!State.PlatformsById.TryGetValue(platformId, out var platform)
            || (platform.Config.OwnerUserId != SystemUser.Id && platform.Config.OwnerUserId != caller.UserId))
        {
            return PlatformNotFound(platformId);
        }

        await _store.SetPlatformHiddenAsync(EffectiveUser(caller), platformId, hidden, cancellationToken).ConfigureAwait(false);
        await _runtime.ReloadAsync(cancellationToken).ConfigureAwait(false);
        return null;
    }

    private GatewayError? MayNotOwnPlatforms(string ownerUserId) =>
        ownerUserId == SystemUser.Id || State.Mode == TenancyModes.MultiCustom
            ? null
            : GatewayErrors.Forbidden($"Users may not create or change platforms in mode '{State.Mode}'; only 'multi-custom' allows private platforms.");

    private static GatewayError? ValidatePlatform(PlatformConfig platform)
    {
        if (string.IsNullOrWhiteSpace(platform.Name) || platform.Name.Length > 80 || platform.Name.Contains('/', StringComparison.Ordinal))
        {
            return GatewayErrors.InvalidRequest("'name' is required: 1-80 characters without '/'.", "name", "invalid_value");
        }

        if (!Uri.TryCreate(platform.BaseUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps) || !string.IsNullOrEmpty(url.UserInfo))
        {
            return GatewayErrors.InvalidRequest("'base_url' must be an absolute http(s) URL without credentials.", "base_url", "invalid_value");
        }

        return ValidateExtraBody(platform.ExtraBodyJson);
    }

    private static GatewayError? ValidateExtraBody(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(json);
            return document.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
                ? null
                : GatewayErrors.InvalidRequest("'extra_body' must be a JSON object.", "extra_body", "invalid_value");
        }
        catch (System.Text.Json.JsonException)
        {
            return GatewayErrors.InvalidRequest("'extra_body' must be a JSON object.", "extra_body", "invalid_value");
        }
    }

    private static GatewayError PlatformNotFound(long id) => GatewayErrors.NotFound($"No platform with id {id}.");

    private static GatewayError ModelNotFound(long id) => GatewayErrors.NotFound($"No model with id {id}.");

    private static GatewayError Conflict(string message) => new(409, "invalid_request_error", "duplicate_name", message);
}
