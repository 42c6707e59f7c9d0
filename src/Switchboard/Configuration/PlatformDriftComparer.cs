using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Switchboard.Abstractions.Configuration;
using Switchboard.Core.Secrets;

namespace Switchboard.Configuration;

/// <summary>Compares system platforms, their models and their server keys between the database and the platforms file, as a forced reset would rewrite them.</summary>
/// <remarks>
/// It compares exactly what <c>SeedMode.Reset</c> writes (the storage's seed writer): a platform's kind, preset, base
/// URL, headers, options, extra body and enabled flag; a model's upstream name, extra body, prices, context window, type,
/// capabilities and enabled flag; a server key's label, weight, priority, status and quota. Keys are matched by their
/// secret, opened in memory with the master key and compared by hash; only masked forms leave this class.
/// </remarks>
internal sealed class PlatformDriftComparer(ConfigurationData data, SecretSealer sealer)
{
    /// <summary>Returns the drift of one platform the file declares, or null when it matches the database.</summary>
    public PlatformDriftView? Compare(PlatformSeed seed, PlatformConfig? stored)
    {
        var file = seed.Platform;
        if (stored is null)
        {
            return new PlatformDriftView(
                file.Name,
                DriftChanges.Added,
                null,
                PlatformFields(null, file),
                [.. seed.Models.Select(m => new ModelDriftView(m.DisplayName, DriftChanges.Added, null, []))],
                [.. seed.Keys.Select(k => new KeyDriftView(k.Masked, DriftChanges.Added, null, k.Label, []))],
                HostChanged: false,
                UsersKeysDropped: 0);
        }

        var fields = PlatformFields(stored, file);
        var models = CompareModels(seed.Models, [.. data.Models.Where(m => m.PlatformId == stored.Id)]);
        var keys = CompareKeys(file.Name, seed.Keys, [.. data.Keys.Where(k => k.PlatformId == stored.Id && k.OwnerUserId == SystemUser.Id)]);
        var moved = KeyHostRule.MovesKeys(stored.BaseUrl, file.BaseUrl);
        if (fields.Count == 0 && models.Count == 0 && keys.Count == 0 && !moved)
        {
            return null;
        }

        return new PlatformDriftView(file.Name, DriftChanges.Changed, stored.Id, fields, models, keys, moved, moved ? UsersKeyCount(stored.Id) : 0);
    }

    /// <summary>Returns the drift of a stored system platform the file no longer declares: a reset deletes it with its models and every key, users' own included.</summary>
    public PlatformDriftView Removed(PlatformConfig stored) => new(
        stored.Name,
        DriftChanges.Removed,
        stored.Id,
        PlatformFields(stored, null),
        [.. data.Models.Where(m => m.PlatformId == stored.Id).OrderBy(m => m.Id).Select(m => new ModelDriftView(m.DisplayName, DriftChanges.Removed, m.Id, []))],
        [.. data.Keys.Where(k => k.PlatformId == stored.Id && k.OwnerUserId == SystemUser.Id).OrderBy(k => k.Id).Select(k => new KeyDriftView(k.Masked, DriftChanges.Removed, k.Id, k.Label, []))],
        HostChanged: false,
        UsersKeysDropped: UsersKeyCount(stored.Id));

    private static IReadOnlyList<FieldDriftView> PlatformFields(PlatformConfig? stored, PlatformConfig? file)
    {
        var fields = new DriftFields();
        if (stored is null || file is null)
        {
            // One side only: show what identifies the platform, as the other side has nothing to compare with.
            return fields
                .Show("kind", stored?.Kind, file?.Kind)
                .Show("preset", stored?.Preset, file?.Preset)
                .Show("base_url", stored?.BaseUrl, file?.BaseUrl)
                .Show("enabled", stored?.Enabled, file?.Enabled)
                .Differences;
        }

        return fields
            .Add("kind", stored.Kind, file.Kind)
            .Add("preset", stored.Preset, file.Preset)
            .Add("base_url", stored.BaseUrl, file.BaseUrl)
            .Add("headers", stored.Headers, file.Headers, Masked(stored.Headers), Masked(file.Headers))
            .Add("options", stored.Options, file.Options)
            .Add("extra_body", DriftFields.Json(stored.ExtraBodyJson), DriftFields.Json(file.ExtraBodyJson))
            .Add("enabled", stored.Enabled, file.Enabled)
            .Differences;
    }

    private static List<ModelDriftView> CompareModels(IReadOnlyList<PlatformModelConfig> declared, IReadOnlyList<PlatformModelConfig> stored)
    {
        var byName = stored.ToDictionary(m => m.DisplayName, StringComparer.Ordinal);
        var result = new List<ModelDriftView>();
        foreach (var model in declared)
        {
            if (!byName.Remove(model.DisplayName, out var current))
            {
                result.Add(new ModelDriftView(model.DisplayName, DriftChanges.Added, null, []));
                continue;
            }

            var fields = new DriftFields()
                .Add("upstream_model", current.UpstreamModel, model.UpstreamModel)
                .Add("extra_body", DriftFields.Json(current.ExtraBodyJson), DriftFields.Json(model.ExtraBodyJson))
                .Add("input_price", current.InputPricePerMillion, model.InputPricePerMillion)
                .Add("output_price", current.OutputPricePerMillion, model.OutputPricePerMillion)
                .Add("cached_input_price", current.CachedInputPricePerMillion, model.CachedInputPricePerMillion)
                .Add("cache_write_price", current.CacheWritePricePerMillion, model.CacheWritePricePerMillion)
                .Add("cache_write_1h_price", current.CacheWrite1HourPricePerMillion, model.CacheWrite1HourPricePerMillion)
                .Add("context_window", current.ContextWindow, model.ContextWindow)
                .Add("type", current.Type, model.Type)
                .Add("capabilities", current.Capabilities, model.Capabilities)
                .Add("enabled", current.Enabled, model.Enabled)
                .Differences;
            if (fields.Count > 0)
            {
                result.Add(new ModelDriftView(model.DisplayName, DriftChanges.Changed, current.Id, fields));
            }
        }

        result.AddRange(byName.Values.OrderBy(m => m.Id).Select(m => new ModelDriftView(m.DisplayName, DriftChanges.Removed, m.Id, [])));
        return result;
    }

    private List<KeyDriftView> CompareKeys(string platform, IReadOnlyList<ApiKeyConfig> declared, IReadOnlyList<ApiKeyConfig> stored)
    {
        // A stored key that cannot be opened matches nothing, so it reads as removed, which is what a reset does to it.
        var context = SecretContexts.PlatformKey(SystemUser.Id, platform);
        var unmatched = stored.OrderBy(k => k.Id).Select(k => (Key: k, Hash: Hash(k, context))).ToList();
        var result = new List<KeyDriftView>();
        foreach (var key in declared)
        {
            var hash = Hash(key, context);
            var index = hash is null ? -1 : unmatched.FindIndex(s => s.Hash is not null && CryptographicOperations.FixedTimeEquals(s.Hash, hash));
            if (index < 0)
            {
                result.Add(new KeyDriftView(key.Masked, DriftChanges.Added, null, key.Label, []));
                continue;
            }

            var current = unmatched[index].Key;
            unmatched.RemoveAt(index);
            var fields = new DriftFields()
                .Add("label", current.Label, key.Label)
                .Add("weight", current.Weight, key.Weight)
                .Add("priority", current.Priority, key.Priority)
                .Add("status", StatusName(current.Status), StatusName(key.Status))
                .Add("quota", Quota(current.Quota), Quota(key.Quota))
                .Differences;
            if (fields.Count > 0)
            {
                result.Add(new KeyDriftView(current.Masked, DriftChanges.Changed, current.Id, current.Label, fields));
            }
        }

        result.AddRange(unmatched.Select(s => new KeyDriftView(s.Key.Masked, DriftChanges.Removed, s.Key.Id, s.Key.Label, [])));
        return result;
    }

    private byte[]? Hash(ApiKeyConfig key, string context) =>
        sealer.TryUnseal(key.SealedValue, context, out var secret) ? SHA256.HashData(Encoding.UTF8.GetBytes(secret)) : null;

    private int UsersKeyCount(long platformId) => data.Keys.Count(k => k.PlatformId == platformId && k.OwnerUserId != SystemUser.Id);

    private static Dictionary<string, string> Masked(IReadOnlyDictionary<string, string> headers) =>
        headers.ToDictionary(h => h.Key, h => SecretMasker.Mask(h.Value), StringComparer.Ordinal);

    private static string StatusName(ApiKeyStatus status) => status.ToString().ToLowerInvariant();

    private static JsonObject? Quota(KeyQuotaConfig? quota) =>
        quota is { Any: true } ? new JsonObject { ["tokens"] = quota.Tokens, ["cost"] = quota.Cost, ["period"] = quota.Period.ToString().ToLowerInvariant() } : null;
}
