using Switchboard.Abstractions.Configuration;

namespace Switchboard.Catalog;

/// <summary>Assembles the catalog an admin manages from stored configuration: the declared models plus the ones derived from platform models.</summary>
/// <remarks>
/// Mirrors how the routing snapshot builds its catalog: every distinct display name of an enabled system platform
/// model that no declared model claims becomes a model of that id, with one source per platform serving it (in
/// platform order). Saving a derived model stores exactly that row, so routing does not change until the admin
/// changes something.
/// </remarks>
internal static class CatalogAssembler
{
    /// <summary>Returns every catalog model, in a stable order by id.</summary>
    public static IReadOnlyList<CatalogItem> Build(ConfigurationData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var platforms = new Dictionary<string, PlatformConfig>(StringComparer.OrdinalIgnoreCase);
        foreach (var platform in data.Platforms.Where(p => p.OwnerUserId == SystemUser.Id).OrderBy(p => p.Id))
        {
            platforms.TryAdd(platform.Name, platform);
        }

        var platformsById = platforms.Values.ToDictionary(p => p.Id);
        var models = new Dictionary<(long, string), PlatformModelConfig>(new PlatformModelKeyComparer());
        foreach (var model in data.Models.Where(m => platformsById.ContainsKey(m.PlatformId)).OrderBy(m => m.Id))
        {
            models.TryAdd((model.PlatformId, model.DisplayName), model);
        }

        var items = new List<CatalogItem>();
        foreach (var declared in data.Catalog)
        {
            items.Add(new CatalogItem(declared, Declared: true, [.. declared.Sources.Select(Resolve)]));
        }

        var declaredIds = data.Catalog.Select(c => c.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var served = data.Models
            .Where(m => m.Enabled && platformsById.TryGetValue(m.PlatformId, out var p) && p.Enabled)
            .OrderBy(m => m.PlatformId)
            .ThenBy(m => m.Id)
            .GroupBy(m => m.DisplayName, StringComparer.OrdinalIgnoreCase);
        foreach (var group in served)
        {
            if (declaredIds.Contains(group.Key))
            {
                continue;
            }

            var sources = group.Select(m => new CatalogItemSource(new CatalogSourceConfig(platformsById[m.PlatformId].Name, m.DisplayName), platformsById[m.PlatformId], m)).ToArray();
            var first = sources[0].Model!;
            var model = new CatalogModelConfig
            {
                Id = first.DisplayName,
                Type = first.Type,
                ContextWindow = first.ContextWindow,
                Sources = [.. sources.Select(s => s.Config)],
            };
            items.Add(new CatalogItem(model, Declared: false, sources));
        }

        return [.. items.OrderBy(i => i.Model.Id, StringComparer.OrdinalIgnoreCase).ThenBy(i => i.Model.Id, StringComparer.Ordinal)];

        CatalogItemSource Resolve(CatalogSourceConfig source)
        {
            var platform = platforms.GetValueOrDefault(source.PlatformName);
            var model = platform is null ? null : models.GetValueOrDefault((platform.Id, source.ModelDisplayName));
            return new CatalogItemSource(source, platform, model);
        }
    }

    private sealed class PlatformModelKeyComparer : IEqualityComparer<(long PlatformId, string DisplayName)>
    {
        public bool Equals((long PlatformId, string DisplayName) x, (long PlatformId, string DisplayName) y) =>
            x.PlatformId == y.PlatformId && StringComparer.OrdinalIgnoreCase.Equals(x.DisplayName, y.DisplayName);

        public int GetHashCode((long PlatformId, string DisplayName) obj) =>
            HashCode.Combine(obj.PlatformId, StringComparer.OrdinalIgnoreCase.GetHashCode(obj.DisplayName));
    }
}
