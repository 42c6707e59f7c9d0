using System.Text.Json;

namespace Switchboard.Storage.Internal;

/// <summary>Encodes header maps, option maps and tag lists as JSON text columns.</summary>
internal static class StorageJson
{
    /// <summary>Serializes a string map.</summary>
    public static string Write(IReadOnlyDictionary<string, string>? map) =>
        map is null || map.Count == 0 ? "{}" : JsonSerializer.Serialize(map, StorageJsonContext.Default.IReadOnlyDictionaryStringString);

    /// <summary>Serializes a string list.</summary>
    public static string Write(IReadOnlyList<string>? list) =>
        list is null || list.Count == 0 ? "[]" : JsonSerializer.Serialize(list, StorageJsonContext.Default.IReadOnlyListString);

    /// <summary>Deserializes a string map; empty or null text gives an empty map.</summary>
    public static Dictionary<string, string> ReadMap(string? json) =>
        string.IsNullOrWhiteSpace(json)
            ? new Dictionary<string, string>(StringComparer.Ordinal)
            : JsonSerializer.Deserialize(json, StorageJsonContext.Default.DictionaryStringString) ?? new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Deserializes a string list; empty or null text gives an empty list.</summary>
    public static List<string> ReadList(string? json) =>
        string.IsNullOrWhiteSpace(json) ? [] : JsonSerializer.Deserialize(json, StorageJsonContext.Default.ListString) ?? [];
}
