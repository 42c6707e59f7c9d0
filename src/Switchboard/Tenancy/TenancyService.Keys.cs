using Microsoft.Extensions.Logging;
using Switchboard.Abstractions.Configuration;
using Switchboard.Core.Errors;
using Switchboard.Core.Pipeline;
using Switchboard.Core.Secrets;

namespace Switchboard.Tenancy;

/// <summary>Upstream keys: users' own keys, server keys of system pools, and the keys a platform change brings for a new host.</summary>
public sealed partial class TenancyService
{
    // A system platform's pool replaced in one change; the key-add route grows it further one key at a time.
    private const int MaxKeysPerChange = 100;

    /// <summary>Stores a caller's key for a platform: their own key for a system platform (multi-user modes), or the key of their private platform. An empty key removes it.</summary>
    public async Task<GatewayError?> SetPlatformKeyAsync(CallerIdentity caller, long platformId, string? apiKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var state = State;
        if (!state.PlatformsById.TryGetValue(platformId, out var platform)
            || (platform.Config.OwnerUserId != SystemUser.Id && platform.Config.OwnerUserId != caller.UserId))
        {
            return PlatformNotFound(platformId);
        }

        if (caller.UserId == SystemUser.Id)
        {
            return GatewayErrors.Forbidden("The system user's keys are the server keys; add them with POST /api/ai/admin/sys-platform/api-key.");
        }

        if (!state.IsMultiUser)
        {
            return GatewayErrors.Forbidden("Users' own keys need a multi-user mode ('multi-fixed' or 'multi-custom').");
        }

        if (string.IsNullOrEmpty(apiKey))
        {
            await _store.DeleteUserPlatformKeyAsync(platformId, caller.UserId, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            if (apiKey.Length > 4096)
            {
                return GatewayErrors.InvalidRequest("'api_key' is too long.", "api_key", "invalid_value");
            }

            await StoreKeyAsync(caller.UserId, platformId, platform.Name, apiKey, cancellationToken).ConfigureAwait(false);
        }

        await _runtime.ReloadAsync(cancellationToken).ConfigureAwait(false);
        return null;
    }

    /// <summary>Lists the upstream keys a user brought, masked: their own keys for system platforms first, then the keys of their private platforms.</summary>
    /// <remarks>Read from the routing snapshot, so it shows the keys requests use now; the sealed values never leave storage.</remarks>
    public IReadOnlyList<OwnKeyView> ListOwnKeys(string userId)
    {
        var state = State;
        var result = new List<OwnKeyView>();
        foreach (var ((owner, platformId), key) in state.UserKeys.OrderBy(k => k.Key.PlatformId))
        {
            if (owner == userId && state.PlatformsById.TryGetValue(platformId, out var platform))
            {
                result.Add(new OwnKeyView(platformId, platform.Name, PlatformIsSys: true, key.Masked));
            }
        }

        foreach (var platform in state.PrivatePlatforms.GetValueOrDefault(userId) ?? [])
        {
            if (platform.Keys.Count > 0)
            {
                result.Add(new OwnKeyView(platform.Config.Id, platform.Name, PlatformIsSys: false, platform.Keys[0].Masked));
            }
        }

        return result;
    }

    /// <summary>Lists a user's private platforms (multi-custom mode) with their models, as the routing snapshot holds them.</summary>
    public IReadOnlyList<(PlatformConfig Platform, IReadOnlyList<PlatformModelConfig> Models)> ListPrivatePlatforms(string userId)
    {
        var state = State;
        return [.. (state.PrivatePlatforms.GetValueOrDefault(userId) ?? []).OrderBy(p => p.Config.Id).Select(p => (p.Config,
            (IReadOnlyList<PlatformModelConfig>)[.. state.ModelsById.Values.Where(m => m.PlatformId == p.Config.Id).OrderBy(m => m.Id)]))];
    }

    /// <summary>Adds a server key to a system platform's pool.</summary>
    public async Task<(long? Id, GatewayError? Error)> AddSystemKeyAsync(long platformId, string apiKey, string? label, int weight, CancellationToken cancellationToken)
    {
        var data = await _config.LoadAsync(cancellationToken).ConfigureAwait(false);
        var platform = data.Platforms.FirstOrDefault(p => p.Id == platformId && p.OwnerUserId == SystemUser.Id);
        if (platform is null)
        {
            return (null, PlatformNotFound(platformId));
        }

        if (string.IsNullOrEmpty(apiKey) || apiKey.Length > 4096)
        {
            return (null, GatewayErrors.InvalidRequest("'api_key' is required (at most 4096 characters).", "api_key", "invalid_value"));
        }

        var key = SealKey(SystemUser.Id, platformId, platform.Name, apiKey) with { Label = label, Weight = Math.Max(1, weight) };
        var id = await _store.InsertSystemKeyAsync(key, cancellationToken).ConfigureAwait(false);
        await _runtime.ReloadAsync(cancellationToken).ConfigureAwait(false);
        return (id, null);
    }

    private async Task StoreKeyAsync(string ownerUserId, long platformId, string platformName, string apiKey, CancellationToken cancellationToken)
    {
        var key = SealKey(ownerUserId, platformId, platformName, apiKey);
        if (ownerUserId == SystemUser.Id)
        {
            await _store.InsertSystemKeyAsync(key, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await _store.SetUserPlatformKeyAsync(platformId, ownerUserId, key.SealedValue, key.Masked, cancellationToken).ConfigureAwait(false);
        }
    }

    private ApiKeyConfig SealKey(string ownerUserId, long platformId, string platformName, string apiKey) => new()
    {
        PlatformId = platformId,
        OwnerUserId = ownerUserId,
        SealedValue = _runtime.Sealer.Seal(apiKey, SecretContexts.PlatformKey(ownerUserId, platformName)),
        Masked = SecretMasker.Mask(apiKey),
    };

    private static GatewayError? ValidateNewKeys(string ownerUserId, IReadOnlyList<string>? keys)
    {
        if (keys is null)
        {
            return null;
        }

        if (keys.Count > (ownerUserId == SystemUser.Id ? MaxKeysPerChange : 1))
        {
            return GatewayErrors.InvalidRequest(
                ownerUserId == SystemUser.Id ? $"At most {MaxKeysPerChange} keys per change." : "A private platform holds one key: give one in 'api_key'.", "api_keys", "invalid_value");
        }

        return keys.Any(k => string.IsNullOrWhiteSpace(k) || k.Length > 4096)
            ? GatewayErrors.InvalidRequest("Every key must be 1-4096 characters.", "api_key", "invalid_value")
            : null;
    }

    private static GatewayError KeyRequiredForNewHost(PlatformConfig current, PlatformConfig updated) =>
        new(400, "invalid_request_error", KeyHostRule.KeyRequiredCode,
            $"This change moves platform '{current.Name}' from {KeyHostRule.Origin(current.BaseUrl) ?? current.BaseUrl} to a new host, " +
            $"{KeyHostRule.Origin(updated.BaseUrl) ?? updated.BaseUrl}. Its stored keys were given for the old host and are never sent to another: " +
            "send the new host's key in 'api_key' (or the keys in 'api_keys'; [] for none) in the same request.")
        {
            Param = "api_key",
        };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Platform '{Platform}' moved from {From} to {To}: its {OwnKeys} stored key(s) of the owner were replaced and {UserKeys} users' own key(s) dropped, so no key reaches a host it was not given for.")]
    private static partial void LogMovedHost(ILogger logger, string platform, string from, string to, int ownKeys, int userKeys);
}
