namespace Switchboard.Console.Pages.Platforms;

/// <summary>Reads one system platform with its models and masked server keys.</summary>
public sealed record SystemPlatform(long Id, string Name, string Kind, string? Preset, string BaseUrl, bool Enabled, IReadOnlyList<PlatformModel> Models, IReadOnlyList<SystemKey> Keys);

/// <summary>Reads one platform model: the name clients send and the name the upstream gets.</summary>
public sealed record PlatformModel(long Id, string DisplayName, string ModelName);

/// <summary>Reads one server key as the platform list shows it: masked only.</summary>
public sealed record SystemKey(long Id, string Masked, string Status, string? Label);

/// <summary>Reads <c>GET /api/admin/presets</c>: the vendor presets and provider kinds a platform can be created from.</summary>
public sealed record PresetCatalog(IReadOnlyList<PlatformPreset> Presets, IReadOnlyList<ProviderKind> Kinds);

/// <summary>Reads one vendor preset: its kind, default base URL and whether its calls need a key.</summary>
public sealed record PlatformPreset(string Name, string Kind, string BaseUrl, bool RequiresApiKey);

/// <summary>Reads one wire protocol the gateway speaks upstream.</summary>
public sealed record ProviderKind(string Name, bool RequiresApiKey);

/// <summary>Writes the body of <c>POST /api/ai/probe</c>: a base URL and the key to list its models with.</summary>
public sealed record ProbeRequest(string BaseUrl, string? ApiKey);

/// <summary>Reads the answer of <c>POST /api/ai/probe</c>.</summary>
public sealed record ProbeResult(bool Success, IReadOnlyList<string> Models, int? UpstreamStatus, string? Error, double LatencyMs);

/// <summary>Writes the body of <c>POST /api/ai/admin/sys-platform</c>: a preset or a kind, its key and the models to add (display name to upstream name).</summary>
public sealed record PlatformCreate(string Name, string? Kind, string? Preset, string? BaseUrl, string? ApiKey, IReadOnlyDictionary<string, string>? Models);

/// <summary>Reads the platform the gateway created (never with a key).</summary>
public sealed record CreatedPlatform(long Id, string Name, string Kind, string BaseUrl, IReadOnlyList<PlatformModel>? Models);

/// <summary>Writes the body of <c>POST /api/ai/model-test</c>.</summary>
public sealed record ModelTestRequest(string Model);

/// <summary>Reads the answer of <c>POST /api/ai/model-test</c>: success, latency, the reply or the error, and the source that answered.</summary>
public sealed record ModelTestResult(bool Success, string Model, double LatencyMs, string? Reply, string? Error, string? Code, string? Source);

/// <summary>Reads one upstream key with its status, cooldown, health and quota; the key itself appears masked.</summary>
public sealed record PlatformKey(
    long Id,
    long PlatformId,
    string Platform,
    string Masked,
    string? Label,
    int Weight,
    int Priority,
    string Status,
    DateTimeOffset? CoolingUntil,
    string? Reason,
    double SuccessRate,
    KeyQuota? Quota,
    KeyQuotaUsage? QuotaUsage);

/// <summary>Reads a key's quota limits.</summary>
public sealed record KeyQuota(long? Tokens, decimal? Cost, string Period);

/// <summary>Reads a key's consumption in its current quota window.</summary>
public sealed record KeyQuotaUsage(long TokensUsed, decimal CostUsed, double UsedFraction, bool Exhausted);

/// <summary>Writes the body of <c>PATCH /api/admin/platform-keys/{id}</c> that enables or disables a key.</summary>
public sealed record KeyStatusChange(string Status);

/// <summary>Writes the body of <c>POST /api/admin/platform-keys/{id}/rotate</c>: the new secret.</summary>
public sealed record KeyRotation(string ApiKey);

/// <summary>Writes the body of <c>POST /api/ai/admin/sys-platform/api-key</c>: a new server key for a platform's pool.</summary>
public sealed record ServerKeyAdd(long PlatformId, string ApiKey, string? Label);

/// <summary>Reads the answer to adding a server key: its id and masked form.</summary>
public sealed record CreatedServerKey(long Id, long PlatformId, string Masked);

/// <summary>Reads <c>GET /api/admin/config/drift</c>: how the database differs from the platforms file.</summary>
public sealed record ConfigDrift(string ConfigFile, bool InSync, IReadOnlyList<PlatformDrift> Platforms, IReadOnlyList<CatalogDrift> Catalog, IReadOnlyList<string> Warnings);

/// <summary>Reads one system platform that differs, with its models and server keys that differ.</summary>
public sealed record PlatformDrift(string Name, string Change, IReadOnlyList<FieldDrift> Fields, IReadOnlyList<ModelDrift> Models, IReadOnlyList<KeyDrift> Keys, bool HostChanged, int UsersKeysDropped);

/// <summary>Reads one platform model that differs.</summary>
public sealed record ModelDrift(string Name, string Change, IReadOnlyList<FieldDrift> Fields);

/// <summary>Reads one server key that differs, masked.</summary>
public sealed record KeyDrift(string Masked, string Change, string? Label, IReadOnlyList<FieldDrift> Fields);

/// <summary>Reads one catalog model that differs.</summary>
public sealed record CatalogDrift(string Id, string Change, IReadOnlyList<FieldDrift> Fields);

/// <summary>Reads one field that differs: the database's value and the file's.</summary>
public sealed record FieldDrift(string Field, System.Text.Json.Nodes.JsonNode? Database, System.Text.Json.Nodes.JsonNode? File);

/// <summary>Reads the answer of <c>POST /api/ai/admin/reload-from-yaml</c>: what the forced reset changed.</summary>
public sealed record ResetResult(bool Success, int PlatformsAdded, int PlatformsUpdated, int PlatformsRemoved, int ModelsAdded, int ModelsRemoved, int KeysAdded);

/// <summary>Writes the body of <c>POST /api/admin/seal</c>: the secret to seal for the platforms file.</summary>
public sealed record SealRequest(string Value);

/// <summary>Reads the answer of <c>POST /api/admin/seal</c>: the sealed value to paste into the platforms file.</summary>
public sealed record SealedSecret(string Sealed);
