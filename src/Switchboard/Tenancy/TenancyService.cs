using Microsoft.Extensions.Logging;
using Switchboard.Abstractions.Configuration;
using Switchboard.Abstractions.Storage;
using Switchboard.Abstractions.Tenancy;
using Switchboard.Core.Errors;
using Switchboard.Core.Pipeline;
using Switchboard.Core.Routing;
using Switchboard.Core.Secrets;
using Switchboard.Core.Tenancy;
using Switchboard.Hosting;

namespace Switchboard.Tenancy;

/// <summary>Changes and reads tenancy state — users, slots, private platforms, users' keys, hide flags, rules — for the HTTP routes and for embedders.</summary>
/// <remarks>
/// Every change is written to storage and then the routing snapshot is rebuilt, so the next request sees it. Every
/// method that acts for a user passes that user as the owner to storage, where the SQL enforces isolation: another
/// user's platform, model or slot is "not found", exactly like a missing id. Errors come back as values in the
/// gateway's documented shape.
/// </remarks>
public sealed partial class TenancyService
{
    private readonly ITenancyStore _store;
    private readonly ISwitchboardStore _config;
    private readonly SwitchboardRuntime _runtime;
    private readonly SnapshotHolder _snapshots;
    private readonly TenantModelResolver _resolver;
    private readonly TimeProvider _time;
    private readonly ILogger<TenancyService> _logger;
    private readonly Dictionary<string, Task> _provisioning = new(StringComparer.Ordinal);

    internal TenancyService(ITenancyStore store, ISwitchboardStore config, SwitchboardRuntime runtime, SnapshotHolder snapshots, TenantModelResolver resolver, TimeProvider time, ILogger<TenancyService> logger)
    {
        _store = store;
        _config = config;
        _runtime = runtime;
        _snapshots = snapshots;
        _resolver = resolver;
        _time = time;
        _logger = logger;
    }

    /// <summary>Gets the mode in force.</summary>
    public string Mode => State.Mode;

    /// <summary>Returns the virtual key with <paramref name="id"/> as the gateway holds it in memory (what authentication uses), or null.</summary>
    public VirtualKeyRecord? GetVirtualKey(long id) => State.VirtualKeysById.GetValueOrDefault(id);

    /// <summary>Gets whether the mode in force is a multi-user one, where users' own limits and budgets count.</summary>
    public bool IsMultiUser => State.IsMultiUser;

    /// <summary>Gets the AutoKey switch in force.</summary>
    public bool AutoKey => State.AutoKey;

    /// <summary>Gets the tier rules in force.</summary>
    public IEnumerable<TierRule> Rules => State.Rules.All;

    private TenancyState State => _snapshots.Current.Tenancy;

    /// <summary>Sets the mode and/or AutoKey at run time.</summary>
    public async Task<GatewayError?> SetModeAsync(string? mode, bool? autoKey, string actor, CancellationToken cancellationToken)
    {
        if (mode is not null)
        {
            var normalized = TenancyModes.Normalize(mode);
            if (normalized is null)
            {
                return GatewayErrors.InvalidRequest("'mode' must be 'single', 'multi-fixed' or 'multi-custom'.", "mode", "invalid_value");
            }

            await _config.SetSettingAsync(TenancySettingNames.Mode, normalized, actor, cancellationToken).ConfigureAwait(false);
        }

        if (autoKey is { } on)
        {
            await _config.SetSettingAsync(TenancySettingNames.AutoKey, on ? "true" : "false", actor, cancellationToken).ConfigureAwait(false);
        }

        await _runtime.ReloadAsync(cancellationToken).ConfigureAwait(false);
        return null;
    }

    /// <summary>Stores a tier rule (effective on the next request).</summary>
    public async Task<GatewayError?> SetRuleAsync(string tier, string ruleJson, string actor, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(tier) || tier.Length > 64 || !UsageSlots.IsValidKey(tier.ToLowerInvariant()))
        {
            return GatewayErrors.InvalidRequest("The tier name must be 1-64 letters, digits, '-', '_' or '.'.", "tier", "invalid_value");
        }

        try
        {
            TierRule.Parse(tier, ruleJson);
        }
        catch (FormatException e)
        {
            return GatewayErrors.InvalidRequest(e.Message, "rule", "invalid_rule");
        }

        await _config.SetSettingAsync(TenancySettingNames.TierRulePrefix + tier.ToLowerInvariant(), ruleJson, actor, cancellationToken).ConfigureAwait(false);
        await _runtime.ReloadAsync(cancellationToken).ConfigureAwait(false);
        return null;
    }

    /// <summary>Lists users.</summary>
    public IReadOnlyList<UserRecord> ListUsers() => [.. State.Users.Values.OrderBy(u => u.Id, StringComparer.Ordinal)];

    /// <summary>Gets a user, or null.</summary>
    public UserRecord? GetUser(string userId) => State.Users.GetValueOrDefault(userId);

    /// <summary>Creates or updates a user; a new user gets the built-in slots bound to its tier's defaults.</summary>
    public async Task<(UserRecord? User, bool Created, GatewayError? Error)> SaveUserAsync(UserRecord user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (string.IsNullOrWhiteSpace(user.Id) || user.Id.Length > 255 || user.Id == SystemUser.Id)
        {
            return (null, false, GatewayErrors.InvalidRequest("'id' must be 1-255 characters and not the system user '-1'.", "id", "invalid_value"));
        }

        if (user.Role is not (Roles.Admin or Roles.User))
        {
            return (null, false, GatewayErrors.InvalidRequest("'role' must be 'admin' or 'user'.", "role", "invalid_value"));
        }

        var now = _time.GetUtcNow();
        var existing = GetUser(user.Id);
        var record = user with { CreatedAt = existing?.CreatedAt ?? now, UpdatedAt = now };
        bool created;
        if (existing is null)
        {
            created = await _store.EnsureUserAsync(record, DefaultSlots(record), cancellationToken).ConfigureAwait(false);
            if (!created)
            {
                await _store.UpsertUserAsync(record, cancellationToken).ConfigureAwait(false);
            }
        }
        else
        {
            created = await _store.UpsertUserAsync(record, cancellationToken).ConfigureAwait(false);
        }

        await _runtime.ReloadAsync(cancellationToken).ConfigureAwait(false);
        return (GetUser(user.Id) ?? record, created, null);
    }

    /// <summary>Deletes a user and everything they own.</summary>
    public async Task<bool> DeleteUserAsync(string userId, CancellationToken cancellationToken)
    {
        var deleted = await _store.DeleteUserAsync(userId, cancellationToken).ConfigureAwait(false);
        if (deleted)
        {
            await _runtime.ReloadAsync(cancellationToken).ConfigureAwait(false);
        }

        return deleted;
    }

    /// <summary>Provisions a user seen for the first time (from a signed token) with the tier defaults; runs once per user.</summary>
    /// <remarks>The request that triggered it does not wait: until the reload, the caller's claimed tier already applies.</remarks>
    public Task ProvisionAsync(string userId, string? tier, CancellationToken cancellationToken)
    {
        if (State.Users.ContainsKey(userId))
        {
            return Task.CompletedTask;
        }

        lock (_provisioning)
        {
            if (_provisioning.TryGetValue(userId, out var running))
            {
                return running;
            }

            var task = ProvisionCoreAsync(userId, tier, cancellationToken);
            _provisioning[userId] = task;
            return task;
        }
    }

    private async Task ProvisionCoreAsync(string userId, string? tier, CancellationToken cancellationToken)
    {
        try
        {
            var now = _time.GetUtcNow();
            var user = new UserRecord { Id = userId, Tier = string.IsNullOrWhiteSpace(tier) ? TierRuleSet.Free : tier, CreatedAt = now, UpdatedAt = now };
            if (await _store.EnsureUserAsync(user, DefaultSlots(user), cancellationToken).ConfigureAwait(false))
            {
                LogProvisioned(_logger, userId, user.Tier);
            }

            await _runtime.ReloadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The caller keeps working on its claimed tier; provisioning is retried on its next request.
            LogProvisionFailed(_logger, e, userId);
        }
        finally
        {
            lock (_provisioning)
            {
                _provisioning.Remove(userId);
            }
        }
    }

    /// <summary>Lists a caller's slots, resolved (a slot whose model went away is repaired on the way).</summary>
    public async Task<IReadOnlyList<UsageSelectionView>> ListSelectionsAsync(CallerIdentity caller, CancellationToken cancellationToken)
    {
        var view = TenantView.For(_snapshots.Current, caller);
        var keys = new List<(string Key, string Label)>();
        if (view.State.Slots.TryGetValue(view.UserId, out var stored))
        {
            keys.AddRange(stored.Select(s => (s.Slot, s.Label)));
        }

        foreach (var (key, label) in UsageSlots.BuiltIn)
        {
            if (!keys.Any(k => k.Key == key))
            {
                keys.Add((key, label));
            }
        }

        var result = new List<UsageSelectionView>(keys.Count);
        foreach (var (key, label) in keys)
        {
            result.Add(await SelectionAsync(view, key, label, cancellationToken).ConfigureAwait(false));
        }

        return result;
    }

    /// <summary>Gets one of a caller's slots, resolved; null when the slot does not exist.</summary>
    public async Task<UsageSelectionView?> GetSelectionAsync(CallerIdentity caller, string slot, CancellationToken cancellationToken)
    {
        var view = TenantView.For(_snapshots.Current, caller);
        var key = UsageSlots.Normalize(slot);
        var record = view.State.FindSlot(view.UserId, key);
        if (record is null && !UsageSlots.BuiltIn.Any(b => b.Key == key))
        {
            return null;
        }

        return await SelectionAsync(view, key, record?.Label ?? UsageSlots.BuiltIn.First(b => b.Key == key).Label, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Binds a caller's slot to a model (catalog id, or the classic platform/model ids); creates the slot when <paramref name="create"/> is set.</summary>
    public async Task<GatewayError?> SaveSelectionAsync(CallerIdentity caller, string slot, string? label, string? model, long? platformId, long? modelId, bool create, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var key = UsageSlots.Normalize(slot);
        if (!UsageSlots.IsValidKey(key))
        {
            return GatewayErrors.InvalidRequest("'usage_key' must be 1-64 letters, digits, '-', '_' or '.'.", "usage_key", "invalid_value");
        }

        var view = TenantView.For(_snapshots.Current, caller);
        var existing = view.State.FindSlot(view.UserId, key);
        var builtIn = UsageSlots.BuiltIn.FirstOrDefault(b => b.Key == key);
        if (create && existing is not null)
        {
            return new GatewayError(409, "invalid_request_error", "slot_exists", $"The usage slot '{key}' already exists.") { Param = "usage_key" };
        }

        if (!create && existing is null && builtIn.Key is null)
        {
            return GatewayErrors.SlotNotFound(key);
        }

        string? catalogModel = null;
        long? platformModel = null;
        if (modelId is { } mid)
        {
            var entry = view.FindByPlatformModelId(mid);
            if (entry is null || (platformId is { } pid && entry.Sources[0].Platform.Config.Id != pid))
            {
                return GatewayErrors.NotFound($"No model with id {mid} on platform {platformId}.");
            }

            if (view.Denial(entry) is { } reason)
            {
                return GatewayErrors.ModelNotAllowed(entry.Id, reason);
            }

            platformModel = mid;
        }
        else if (!string.IsNullOrWhiteSpace(model))
        {
            var entry = view.Find(model);
            if (entry is null)
            {
                return GatewayErrors.ModelNotFound(model);
            }

            if (view.Denial(entry) is { } reason)
            {
                return GatewayErrors.ModelNotAllowed(model, reason);
            }

            catalogModel = entry.Id;
        }
        else if (!create)
        {
            return GatewayErrors.InvalidRequest("Give 'model', or 'platform_id' and 'model_id'.", "model", "missing_field");
        }
        else
        {
            // A new slot without a model starts on the main slot's current model, as the classic manager did.
            var main = await _resolver.ResolveSlotAsync(view, UsageSlots.Main, "chat", cancellationToken).ConfigureAwait(false);
            catalogModel = main.Model?.Id;
        }

        if (view.UserId != SystemUser.Id && !view.State.Users.ContainsKey(view.UserId))
        {
            await ProvisionAsync(view.UserId, caller.ClaimedTier, cancellationToken).ConfigureAwait(false);
        }

        await _store.SetSlotAsync(new UsageSlotRecord
        {
            UserId = view.UserId,
            Slot = key,
            Label = string.IsNullOrWhiteSpace(label) ? existing?.Label ?? builtIn.Label ?? key : label.Trim(),
            CatalogModel = catalogModel,
            PlatformModelId = platformModel,
            Position = existing?.Position ?? (builtIn.Key is not null ? UsageSlots.BuiltIn.ToList().FindIndex(b => b.Key == key) : 100 + (view.State.Slots.GetValueOrDefault(view.UserId)?.Length ?? 0)),
            UpdatedAt = _time.GetUtcNow(),
        }, cancellationToken).ConfigureAwait(false);
        await _runtime.ReloadAsync(cancellationToken).ConfigureAwait(false);
        return null;
    }

    /// <summary>Deletes one of a caller's named slots (built-in slots cannot be deleted).</summary>
    public async Task<GatewayError?> DeleteSlotAsync(CallerIdentity caller, string slot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var key = UsageSlots.Normalize(slot);
        if (UsageSlots.BuiltIn.Any(b => b.Key == key))
        {
            return GatewayErrors.InvalidRequest($"The built-in slot '{key}' cannot be deleted.", "usage_key", "builtin_slot");
        }

        if (!await _store.DeleteSlotAsync(EffectiveUser(caller), key, cancellationToken).ConfigureAwait(false))
        {
            return GatewayErrors.SlotNotFound(key);
        }

        await _runtime.ReloadAsync(cancellationToken).ConfigureAwait(false);
        return null;
    }

    /// <summary>Lists a user's slot repairs, newest first.</summary>
    public Task<IReadOnlyList<SlotRepairRecord>> ListRepairsAsync(string userId, CancellationToken cancellationToken) =>
        _store.ListSlotRepairsAsync(userId, 100, cancellationToken);

    /// <summary>Resolves what each user gets for a slot: model, platform and whose key (the dispatcher query).</summary>
    public async Task<IReadOnlyList<DispatchView>> DispatchAsync(IEnumerable<string> userIds, string slot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        var snapshot = _snapshots.Current;
        var key = UsageSlots.Normalize(slot);
        var result = new List<DispatchView>();
        foreach (var userId in userIds.Distinct(StringComparer.Ordinal))
        {
            var user = snapshot.Tenancy.Users.GetValueOrDefault(userId);
            var view = TenantView.For(snapshot, new CallerIdentity(userId, null, user?.Role ?? Roles.User));
            var resolution = await _resolver.ResolveSlotAsync(view, key, "chat", cancellationToken).ConfigureAwait(false);
            var source = resolution.Model is { Sources.Count: > 0 } sources ? sources.Sources[0] : null;
            var keySource = source is null ? "none"
                : source.Platform.Config.OwnerUserId != SystemUser.Id || source.Targets.Any(t => t.Key is not null && snapshot.Tenancy.UserKeys.TryGetValue((userId, source.Platform.Config.Id), out var own) && ReferenceEquals(own, t.Key)) ? "user"
                : source.Platform.RequiresKey ? "server" : "none_needed";
            result.Add(new DispatchView(userId, view.IsAdmin ? Roles.Admin : Roles.User, view.IsAdmin ? TierRuleSet.Admin : view.Tier, key,
                resolution.Model?.Id, source?.Platform.Name, keySource, resolution.Error?.Message));
        }

        return result;
    }

    private async Task<UsageSelectionView> SelectionAsync(TenantView view, string key, string label, CancellationToken cancellationToken)
    {
        var resolution = await _resolver.ResolveSlotAsync(view, key, "chat", cancellationToken).ConfigureAwait(false);
        var model = resolution.Model;
        var source = model is { Sources.Count: > 0 } ? model.Sources[0] : null;
        if (model is null)
        {
            var record = view.State.FindSlot(view.UserId, key);
            var name = record?.CatalogModel ?? view.Rule.Slots.GetValueOrDefault(key) ?? "";
            var found = view.Find(name);
            var foundSource = found is { Sources.Count: > 0 } ? found.Sources[0] : null;
            return new UsageSelectionView(key, label, found?.Id ?? name, foundSource?.Platform.Name, foundSource?.Platform.Config.Id,
                foundSource?.Platform.Config.OwnerUserId == SystemUser.Id, foundSource?.Platform.Endpoint.BaseUrl.ToString(),
                foundSource?.Model.DisplayName ?? name, foundSource?.Model.Id, foundSource?.Model.UpstreamModel, false, resolution.Error?.Message);
        }

        var platform = source?.Platform;
        return new UsageSelectionView(key, label, model.Id, platform?.Name, platform?.Config.Id, platform?.Config.OwnerUserId == SystemUser.Id,
            platform?.Endpoint.BaseUrl.ToString(), source?.Model.DisplayName ?? model.DisplayName, source?.Model.Id, source?.Model.UpstreamModel,
            platform is not null && view.ApiKeySet(platform));
    }

    /// <summary>Returns the user whose tenancy state a caller acts on: themselves, or the system user in single mode.</summary>
    public string EffectiveUser(CallerIdentity caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return State.IsMultiUser ? caller.UserId : SystemUser.Id;
    }

    private UsageSlotRecord[] DefaultSlots(UserRecord user)
    {
        var rule = user.Role == Roles.Admin ? State.Rules.For(TierRuleSet.Admin) : State.Rules.For(user.Tier);
        var now = _time.GetUtcNow();
        return [.. UsageSlots.BuiltIn.Select((slot, i) => new UsageSlotRecord
        {
            UserId = user.Id,
            Slot = slot.Key,
            Label = slot.Label,
            CatalogModel = rule.Slots.GetValueOrDefault(slot.Key),
            Position = i,
            UpdatedAt = now,
        })];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Provisioned user '{UserId}' on tier '{Tier}'.")]
    private static partial void LogProvisioned(ILogger logger, string userId, string tier);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Provisioning user '{UserId}' failed; it is retried on the user's next request.")]
    private static partial void LogProvisionFailed(ILogger logger, Exception exception, string userId);
}
