using Switchboard.Abstractions.Configuration;
using Switchboard.Abstractions.Storage;
using Switchboard.Core.Errors;
using Switchboard.Core.Routing;
using Switchboard.Core.Secrets;
using Switchboard.Hosting;

namespace Switchboard.PlatformKeys;

/// <summary>Changes stored upstream keys one at a time, for the admin API and embedders: pool settings and status, the secret in place, removal.</summary>
/// <remarks>
/// <para>Each change is one database write followed by a reload of this replica's routing snapshot, so the next request
/// here sees it; other replicas follow through the configuration version the write bumps. Keys are added by
/// <see cref="Tenancy.TenancyService.AddSystemKeyAsync"/> (a server key) or by a user storing their own.</para>
/// <para>A rotated secret is sealed to the key's owner and platform like any stored key, and only its masked form is
/// kept in the clear. Thread-safe.</para>
/// </remarks>
public sealed class PlatformKeyService
{
    /// <summary>The longest upstream key accepted, in characters.</summary>
    public const int MaxKeyLength = 4096;
    private const int MaxLabelLength = 200;
    private const int MaxWeight = 1000;
    private const int PriorityBound = 1000;

    private readonly ISwitchboardStore _config;
    private readonly IPlatformKeyStore _keys;
    private readonly SwitchboardRuntime _runtime;
    private readonly RoutingState _states;

    internal PlatformKeyService(ISwitchboardStore config, IPlatformKeyStore keys, SwitchboardRuntime runtime, RoutingState states)
    {
        _config = config;
        _keys = keys;
        _runtime = runtime;
        _states = states;
    }

    /// <summary>Changes a key's status, weight, priority or label; an unknown id is a 404 and a value out of range a 400 naming it.</summary>
    public async Task<PlatformKeyOutcome> UpdateAsync(long id, PlatformKeyUpdate update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (Validate(update) is { } invalid)
        {
            return PlatformKeyOutcome.Failed(invalid);
        }

        var (before, platform) = await FindAsync(id, cancellationToken).ConfigureAwait(false);
        if (before is null)
        {
            return PlatformKeyOutcome.Failed(NotFound(id));
        }

        var after = before with
        {
            Status = update.Status ?? before.Status,
            Weight = update.Weight ?? before.Weight,
            Priority = update.Priority ?? before.Priority,
            Label = update.ChangesLabel ? NullIfBlank(update.Label) : before.Label,
        };
        if (!await _keys.UpdatePlatformKeyAsync(after, cancellationToken).ConfigureAwait(false))
        {
            return PlatformKeyOutcome.Failed(NotFound(id));
        }

        await _runtime.ReloadAsync(cancellationToken).ConfigureAwait(false);
        return new PlatformKeyOutcome(before, after, platform, null);
    }

    /// <summary>Replaces a key's secret in place: id, weight, priority, label and quota stay, an invalid mark goes, and the old secret is never sent again.</summary>
    /// <remarks>A disabled key stays disabled. The answer of this call comes after this replica's snapshot holds the new secret.</remarks>
    public async Task<PlatformKeyOutcome> RotateAsync(long id, string? apiKey, CancellationToken cancellationToken)
    {
        var secret = apiKey?.Trim();
        if (string.IsNullOrEmpty(secret) || secret.Length > MaxKeyLength)
        {
            return PlatformKeyOutcome.Failed(GatewayErrors.InvalidRequest($"'api_key' is required (1-{MaxKeyLength} characters).", "api_key", "invalid_value"));
        }

        var (before, platform) = await FindAsync(id, cancellationToken).ConfigureAwait(false);
        if (before is null)
        {
            return PlatformKeyOutcome.Failed(NotFound(id));
        }

        var sealedValue = _runtime.Sealer.Seal(secret, SecretContexts.PlatformKey(before.OwnerUserId, platform));
        var masked = SecretMasker.Mask(secret);
        if (!await _keys.ReplacePlatformKeySecretAsync(before, sealedValue, masked, cancellationToken).ConfigureAwait(false))
        {
            return PlatformKeyOutcome.Failed(NotFound(id));
        }

        // The new secret has a new fingerprint, which an old invalid mark does not cover; clearing the mark on every
        // replica as well keeps the key's status honest where a mark covered every version.
        _states.Revalidate(id);
        await _runtime.ReloadAsync(cancellationToken).ConfigureAwait(false);
        var after = before with
        {
            SealedValue = sealedValue,
            Masked = masked,
            Status = before.Status == ApiKeyStatus.Invalid ? ApiKeyStatus.Active : before.Status,
        };
        return new PlatformKeyOutcome(before, after, platform, null);
    }

    /// <summary>Removes a key (a server key or a user's own) from its pool and from storage.</summary>
    public async Task<PlatformKeyOutcome> RemoveAsync(long id, CancellationToken cancellationToken)
    {
        var (before, platform) = await FindAsync(id, cancellationToken).ConfigureAwait(false);
        if (before is null || !await _keys.DeletePlatformKeyAsync(id, cancellationToken).ConfigureAwait(false))
        {
            return PlatformKeyOutcome.Failed(NotFound(id));
        }

        await _runtime.ReloadAsync(cancellationToken).ConfigureAwait(false);
        return new PlatformKeyOutcome(before, null, platform, null);
    }

    private async Task<(ApiKeyConfig? Key, string Platform)> FindAsync(long id, CancellationToken cancellationToken)
    {
        var data = await _config.LoadAsync(cancellationToken).ConfigureAwait(false);
        var key = data.Keys.FirstOrDefault(k => k.Id == id);
        var platform = key is null ? "" : data.Platforms.FirstOrDefault(p => p.Id == key.PlatformId)?.Name ?? "";
        return (key, platform);
    }

    private static GatewayError? Validate(PlatformKeyUpdate update)
    {
        if (update.Status is { } status && status is not (ApiKeyStatus.Active or ApiKeyStatus.Disabled))
        {
            return GatewayErrors.InvalidRequest("'status' must be 'active' or 'disabled'.", "status", "invalid_value");
        }

        if (update.Weight is < 1 or > MaxWeight)
        {
            return GatewayErrors.InvalidRequest($"'weight' must be between 1 and {MaxWeight}.", "weight", "invalid_value");
        }

        if (update.Priority is < -PriorityBound or > PriorityBound)
        {
            return GatewayErrors.InvalidRequest($"'priority' must be between -{PriorityBound} and {PriorityBound}.", "priority", "invalid_value");
        }

        return update.ChangesLabel && update.Label is { Length: > MaxLabelLength }
            ? GatewayErrors.InvalidRequest($"'label' must be at most {MaxLabelLength} characters.", "label", "invalid_value")
            : null;
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static GatewayError NotFound(long id) => GatewayErrors.NotFound($"No upstream key with id {id}.");
}
