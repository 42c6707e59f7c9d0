using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Switchboard.Configuration;

/// <summary>How the database differs from the platforms file for what a forced reset rewrites: system platforms with their models and server keys, and the catalog.</summary>
/// <remarks>
/// Only differences are listed. <c>added</c> is in the file and not in the database (a reset adds it), <c>removed</c> is in
/// the database and not in the file (a reset deletes it), <c>changed</c> is in both with other values (a reset takes the
/// file's). Keys are matched by their secret and shown masked; no secret appears anywhere in the report.
/// </remarks>
public sealed record ConfigDriftView(
    [property: JsonPropertyName("config_file")] string ConfigFile,
    [property: JsonPropertyName("in_sync")] bool InSync,
    [property: JsonPropertyName("summary")] ConfigDriftSummary Summary,
    [property: JsonPropertyName("platforms")] IReadOnlyList<PlatformDriftView> Platforms,
    [property: JsonPropertyName("catalog")] IReadOnlyList<CatalogModelDriftView> Catalog,
    [property: JsonPropertyName("warnings")] IReadOnlyList<string> Warnings);

/// <summary>Counts the differences of a drift report by kind.</summary>
public sealed record ConfigDriftSummary(
    [property: JsonPropertyName("platforms_added")] int PlatformsAdded,
    [property: JsonPropertyName("platforms_removed")] int PlatformsRemoved,
    [property: JsonPropertyName("platforms_changed")] int PlatformsChanged,
    [property: JsonPropertyName("models_added")] int ModelsAdded,
    [property: JsonPropertyName("models_removed")] int ModelsRemoved,
    [property: JsonPropertyName("models_changed")] int ModelsChanged,
    [property: JsonPropertyName("keys_added")] int KeysAdded,
    [property: JsonPropertyName("keys_removed")] int KeysRemoved,
    [property: JsonPropertyName("keys_changed")] int KeysChanged,
    [property: JsonPropertyName("users_keys_dropped")] int UsersKeysDropped,
    [property: JsonPropertyName("catalog_added")] int CatalogAdded,
    [property: JsonPropertyName("catalog_removed")] int CatalogRemoved,
    [property: JsonPropertyName("catalog_changed")] int CatalogChanged);

/// <summary>One system platform that differs: its own fields, and its models and server keys that differ.</summary>
/// <remarks>
/// <see cref="HostChanged"/> says the file moves the platform to another host, so a reset also drops the keys users
/// brought for it (<see cref="UsersKeysDropped"/>); a removed platform drops them too.
/// </remarks>
public sealed record PlatformDriftView(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("change")] string Change,
    [property: JsonPropertyName("id"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Id,
    [property: JsonPropertyName("fields")] IReadOnlyList<FieldDriftView> Fields,
    [property: JsonPropertyName("models")] IReadOnlyList<ModelDriftView> Models,
    [property: JsonPropertyName("keys")] IReadOnlyList<KeyDriftView> Keys,
    [property: JsonPropertyName("host_changed")] bool HostChanged,
    [property: JsonPropertyName("users_keys_dropped")] int UsersKeysDropped);

/// <summary>One platform model that differs, by display name.</summary>
public sealed record ModelDriftView(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("change")] string Change,
    [property: JsonPropertyName("id"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Id,
    [property: JsonPropertyName("fields")] IReadOnlyList<FieldDriftView> Fields);

/// <summary>One server key that differs, shown masked: a key of the file the database lacks, a stored key the file lacks, or the same secret with other settings.</summary>
/// <remarks>A reset stores the file's keys anew, so a stored key's id, and a quota set on it through the API, do not survive it.</remarks>
public sealed record KeyDriftView(
    [property: JsonPropertyName("masked")] string Masked,
    [property: JsonPropertyName("change")] string Change,
    [property: JsonPropertyName("id"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Id,
    [property: JsonPropertyName("label")] string? Label,
    [property: JsonPropertyName("fields")] IReadOnlyList<FieldDriftView> Fields);

/// <summary>One catalog model that differs, by id.</summary>
public sealed record CatalogModelDriftView(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("change")] string Change,
    [property: JsonPropertyName("fields")] IReadOnlyList<FieldDriftView> Fields);

/// <summary>One field whose value differs: what the database holds and what the file says (header values masked).</summary>
public sealed record FieldDriftView(
    [property: JsonPropertyName("field")] string Field,
    [property: JsonPropertyName("database")] JsonNode? Database,
    [property: JsonPropertyName("file")] JsonNode? File);
