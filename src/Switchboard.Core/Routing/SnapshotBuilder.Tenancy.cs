using System.Collections.Frozen;
using Switchboard.Abstractions.Configuration;
using Switchboard.Abstractions.Tenancy;
using Switchboard.Core.Tenancy;

namespace Switchboard.Core.Routing;

/// <summary>Builds the tenancy part of the snapshot: rules, users, slots, users' own keys and private platforms.</summary>
internal sealed partial class SnapshotBuilder
{
    private TenancyState BuildTenancy(ConfigurationData data, Dictionary<long, PlatformEntry> systemPlatforms, IEnumerable<SourceEntry> systemSources, CatalogEntry[] listed)
    {
        var (mode, autoKey, rules) = ReadTenancySettings(data.Settings, listed);

        var platformsById = new Dictionary<long, PlatformEntry>(systemPlatforms);
        var sourcesByModelId = systemSources.ToDictionary(s => s.Model.Id);
        var privatePlatforms = new Dictionary<string, List<PlatformEntry>>(StringComparer.Ordinal);
        foreach (var platform in data.Platforms.Where(p => p.Enabled && p.OwnerUserId != SystemUser.Id))
        {
            if (BuildPlatform(platform, data.Keys) is { } entry)
            {
                platformsById[platform.Id] = entry;
                CollectionsMarshalAdd(privatePlatforms, platform.OwnerUserId, entry);
            }
        }

        var privateModels = new Dictionary<string, Dictionary<string, CatalogEntry>>(StringComparer.Ordinal);
        foreach (var model in data.Models.Where(m => m.Enabled))
        {
            if (!platformsById.TryGetValue(model.PlatformId, out var platform) || platform.Config.OwnerUserId == SystemUser.Id)
            {
                continue;
            }

            var source = BuildSource(platform, model, 0, 1);
            sourcesByModelId[model.Id] = source;
            if (!privateModels.TryGetValue(platform.Config.OwnerUserId, out var byName))
            {
                privateModels[platform.Config.OwnerUserId] = byName = new Dictionary<string, CatalogEntry>(StringComparer.OrdinalIgnoreCase);
            }

            var entry = new CatalogEntry
            {
                Id = source.Address,
                DisplayName = model.DisplayName,
                Type = model.Type,
                OwnedBy = platform.Name,
                ContextWindow = model.ContextWindow,
                Capabilities = model.Capabilities,
                Sources = [source],
            };
            byName[source.Address] = entry;
            byName.TryAdd(model.DisplayName, entry);
        }

        var userKeys = new Dictionary<(string, long), KeyEntry>();
        foreach (var key in data.Keys.Where(k => k.OwnerUserId != SystemUser.Id && k.Status is ApiKeyStatus.Active or ApiKeyStatus.Cooling))
        {
            if (systemPlatforms.TryGetValue(key.PlatformId, out var platform) && UnsealKey(key, platform.Name) is { } entry)
            {
                userKeys[(key.OwnerUserId, key.PlatformId)] = entry;
            }
        }

        var tenancy = data.Tenancy;
        return new TenancyState
        {
            Mode = mode,
            AutoKey = autoKey,
            Rules = rules,
            Users = SnapshotMap<string, UserRecord>.Create(tenancy.Users.Select(u => KeyValuePair.Create(u.Id, u)), StringComparer.Ordinal),
            Slots = SnapshotMap<string, UsageSlotRecord[]>.Create(SlotsByUser(tenancy.Slots), StringComparer.Ordinal),
            Hidden = SnapshotMap<string, FrozenSet<long>>.Create(HiddenByUser(tenancy.Visibility), StringComparer.Ordinal),
            UserKeys = userKeys.ToFrozenDictionary(),
            PrivatePlatforms = privatePlatforms.ToFrozenDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal),
            PrivateModels = privateModels.ToFrozenDictionary(p => p.Key, p => p.Value.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase), StringComparer.Ordinal),
            PlatformsById = platformsById.ToFrozenDictionary(),
            SourcesByModelId = sourcesByModelId.ToFrozenDictionary(),
            ModelsById = data.Models.ToFrozenDictionary(m => m.Id),
            VirtualKeysById = SnapshotMap<long, VirtualKeyRecord>.Create(data.VirtualKeys.Select(k => KeyValuePair.Create(k.Id, k))),
        };
    }

    /// <summary>Reads the mode, the AutoKey switch and the tier rules from the settings; the first listed chat model is the rules' default.</summary>
    private (string Mode, bool AutoKey, TierRuleSet Rules) ReadTenancySettings(IReadOnlyDictionary<string, string> settings, IReadOnlyList<CatalogEntry> listed)
    {
        var mode = TenancyModes.Normalize(settings.GetValueOrDefault(TenancySettingNames.Mode)) ?? TenancyModes.Normalize(_tenancyOptions.Mode) ?? TenancyModes.SingleUser;
        var autoKey = bool.TryParse(settings.GetValueOrDefault(TenancySettingNames.AutoKey), out var storedAutoKey) ? storedAutoKey : _tenancyOptions.AutoKey;
        var defaultModel = listed.FirstOrDefault(m => m.Type == "chat")?.Id;
        return (mode, autoKey, TierRuleSet.Build(settings, _tenancyOptions, defaultModel, logger));
    }

    /// <summary>Groups slots by user, each user's in display order.</summary>
    private static IEnumerable<KeyValuePair<string, UsageSlotRecord[]>> SlotsByUser(IEnumerable<UsageSlotRecord> slots) =>
        slots.GroupBy(s => s.UserId, StringComparer.Ordinal)
            .Select(g => KeyValuePair.Create(g.Key, g.OrderBy(s => s.Position).ThenBy(s => s.Slot, StringComparer.Ordinal).ToArray()));

    /// <summary>Groups the hidden platform ids by user.</summary>
    private static IEnumerable<KeyValuePair<string, FrozenSet<long>>> HiddenByUser(IEnumerable<PlatformVisibilityRecord> visibility) =>
        visibility.Where(v => v.Hidden).GroupBy(v => v.UserId, StringComparer.Ordinal)
            .Select(g => KeyValuePair.Create(g.Key, g.Select(v => v.PlatformId).ToFrozenSet()));

    private static void CollectionsMarshalAdd(Dictionary<string, List<PlatformEntry>> map, string owner, PlatformEntry entry)
    {
        if (!map.TryGetValue(owner, out var list))
        {
            map[owner] = list = [];
        }

        list.Add(entry);
    }
}
