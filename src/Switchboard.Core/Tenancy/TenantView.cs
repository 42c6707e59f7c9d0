using Switchboard.Abstractions.Configuration;
using Switchboard.Abstractions.Providers;
using Switchboard.Abstractions.Tenancy;
using Switchboard.Core.Pipeline;
using Switchboard.Core.Routing;

namespace Switchboard.Core.Tenancy;

/// <summary>One caller's view of a snapshot: which rule applies, which models they may use, and with whose keys.</summary>
/// <remarks>
/// Key choice on a system platform: the user's own key always wins; without one, the server's pool is used only in
/// single mode, for the system user and admins, or when the tier rule (or, when the rule is silent, AutoKey) allows it.
/// Private platforms exist only in <c>multi-custom</c> mode and only for their owner.
/// </remarks>
internal sealed class TenantView
{
    private readonly RoutingSnapshot _snapshot;
    private readonly TenancyState _state;

    private TenantView(RoutingSnapshot snapshot, CallerIdentity caller)
    {
        _snapshot = snapshot;
        _state = snapshot.Tenancy;
        Caller = caller;
        // Single mode has no users: every caller shares the system user's slots, rules and keys.
        UserId = _state.IsMultiUser ? caller.UserId : SystemUser.Id;
        User = _state.Users.GetValueOrDefault(UserId);
        IsAdmin = caller.IsAdmin || User?.Role == Roles.Admin || UserId == SystemUser.Id;
        Tier = User?.Tier ?? caller.ClaimedTier ?? TierRuleSet.Free;
        Rule = IsAdmin ? _state.Rules.For(TierRuleSet.Admin) : _state.Rules.For(Tier);
        Key = caller.VirtualKeyId is { } id ? _state.VirtualKeysById.GetValueOrDefault(id) : null;
        MayUseServerKeys = !_state.IsMultiUser || IsAdmin || (Rule.ServerKeys ?? _state.AutoKey);
    }

    public CallerIdentity Caller { get; }

    public string UserId { get; }

    public UserRecord? User { get; }

    public bool IsAdmin { get; }

    public string Tier { get; }

    public TierRule Rule { get; }

    public VirtualKeyRecord? Key { get; }

    public bool MayUseServerKeys { get; }

    public TenancyState State => _state;

    public RoutingSnapshot Snapshot => _snapshot;

    public bool IsDisabled => User?.Status == UserStatus.Disabled;

    public static TenantView For(RoutingSnapshot snapshot, CallerIdentity caller) => new(snapshot, caller);

    /// <summary>Finds a model by name: the caller's private models first (multi-custom), then the catalog.</summary>
    public CatalogEntry? Find(string name)
    {
        if (_state.Mode == TenancyModes.MultiCustom && _state.PrivateModels.TryGetValue(UserId, out var own) && own.TryGetValue(name, out var mine))
        {
            return mine;
        }

        return _snapshot.FindModel(name);
    }

    /// <summary>Finds the model behind a platform model id, if this caller can see it.</summary>
    public CatalogEntry? FindByPlatformModelId(long id)
    {
        if (!_state.SourcesByModelId.TryGetValue(id, out var source))
        {
            return null;
        }

        var owner = source.Platform.Config.OwnerUserId;
        return owner == SystemUser.Id ? _snapshot.FindModel(source.Address)
            : owner == UserId ? Find(source.Address)
            : null;
    }

    /// <summary>Returns why the caller may not use a model, or null when they may.</summary>
    public string? Denial(CatalogEntry model)
    {
        if (IsPrivate(model))
        {
            return null;
        }

        // An exact Platform/Model address is allowed when the rule allows the model under its display name.
        if (!Rule.Allows(model.Id, model.Tags, model.TierRequired)
            && (model.Listed || !Rule.Allows(model.DisplayName, _snapshot.FindModel(model.DisplayName)?.Tags ?? model.Tags, model.TierRequired)))
        {
            return $"your tier '{Tier}' does not include it";
        }

        if (Key is { AllowedModels.Count: > 0 } key && !key.AllowedModels.Contains(model.Id, StringComparer.OrdinalIgnoreCase))
        {
            return "this API key is not allowed to call it";
        }

        return null;
    }

    /// <summary>Returns whether the caller hid every platform serving the model.</summary>
    public bool IsHidden(CatalogEntry model) =>
        model.Sources.Count > 0 && model.Sources.All(s => _state.IsHidden(UserId, s.Platform.Config.Id));

    /// <summary>Returns the model with sources keyed for this caller, or the platform that lacks a usable key.</summary>
    public CatalogEntry WithCallerKeys(CatalogEntry model, out string? keylessPlatform)
    {
        keylessPlatform = null;
        if (!_state.IsMultiUser || UserId == SystemUser.Id)
        {
            return model;
        }

        if (_state.DerivedModels.TryGetValue((UserId, model.Id), out var cached))
        {
            keylessPlatform = cached.Sources.Count == 0 ? cached.OwnedBy : null;
            return cached;
        }

        var sources = new List<SourceEntry>(model.Sources.Count);
        var changed = false;
        foreach (var source in model.Sources)
        {
            var platform = source.Platform;
            if (platform.Config.OwnerUserId != SystemUser.Id)
            {
                sources.Add(source);
            }
            else if (_state.UserKeys.TryGetValue((UserId, platform.Config.Id), out var own))
            {
                sources.Add(SnapshotBuilder.BuildSourceForKey(source, own));
                changed = true;
            }
            else if (MayUseServerKeys || !platform.RequiresKey)
            {
                sources.Add(source);
            }
            else
            {
                keylessPlatform ??= platform.Name;
                changed = true;
            }
        }

        var view = !changed ? model : new CatalogEntry
        {
            Id = model.Id,
            DisplayName = model.DisplayName,
            Type = model.Type,
            OwnedBy = sources.Count == 0 ? keylessPlatform ?? model.OwnedBy : model.OwnedBy,
            UserInputPricePerMillion = model.UserInputPricePerMillion,
            UserOutputPricePerMillion = model.UserOutputPricePerMillion,
            UserCachedInputPricePerMillion = model.UserCachedInputPricePerMillion,
            UserCacheWritePricePerMillion = model.UserCacheWritePricePerMillion,
            ContextWindow = model.ContextWindow,
            Capabilities = model.Capabilities,
            Listed = model.Listed,
            TierRequired = model.TierRequired,
            Tags = model.Tags,
            Strategy = model.Strategy,
            Sources = sources,
        };

        // A view per user and model keeps round-robin and sticky state across that user's requests; the cache dies with the snapshot.
        if (_state.DerivedModels.Count < 100_000)
        {
            _state.DerivedModels.TryAdd((UserId, model.Id), view);
        }

        if (sources.Count > 0)
        {
            keylessPlatform = null;
        }

        return view;
    }

    /// <summary>Returns whether the caller has a usable key for at least one source of the model.</summary>
    public bool HasUsableKey(CatalogEntry model)
    {
        var view = WithCallerKeys(model, out _);
        return view.Sources.Any(s => s.Targets.Count > 0);
    }

    /// <summary>Gets whether a user (or the caller) has a key for a platform: their own, or the server's when they may use it.</summary>
    public bool ApiKeySet(PlatformEntry platform)
    {
        if (platform.Config.OwnerUserId != SystemUser.Id)
        {
            return platform.Keys.Count > 0 || !platform.RequiresKey;
        }

        return _state.UserKeys.ContainsKey((UserId, platform.Config.Id)) || !platform.RequiresKey
            || ((MayUseServerKeys || !_state.IsMultiUser) && platform.Keys.Count > 0);
    }

    /// <summary>Lists the models the caller may use: allowed catalog models, plus their private models in multi-custom mode.</summary>
    public IReadOnlyList<CatalogEntry> ListModels()
    {
        var listed = _snapshot.ListedModels;
        if (!_state.IsMultiUser && Key is not { AllowedModels.Count: > 0 })
        {
            return listed;
        }

        var result = listed.Where(m => Denial(m) is null).ToList();
        if (_state.Mode == TenancyModes.MultiCustom && _state.PrivateModels.TryGetValue(UserId, out var own))
        {
            result.AddRange(own.Values.Distinct().Where(m => !result.Any(r => string.Equals(r.Id, m.Id, StringComparison.OrdinalIgnoreCase))));
        }

        return result;
    }

    /// <summary>Finds a model the caller may see by id (for <c>GET /v1/models/{id}</c>): unknown and forbidden look the same.</summary>
    public CatalogEntry? FindVisible(string id) => Find(id) is { } model && Denial(model) is null ? model : null;

    private bool IsPrivate(CatalogEntry model) =>
        model.Sources.Count == 1 && model.Sources[0].Platform.Config.OwnerUserId == UserId && UserId != SystemUser.Id;
}
