using System.Text.Json.Serialization;

namespace Switchboard.Storage.Internal;

/// <summary>Provides source-generated JSON metadata for the small maps and lists stored as JSON text.</summary>
[JsonSerializable(typeof(IReadOnlyDictionary<string, string>))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(List<string>))]
internal sealed partial class StorageJsonContext : JsonSerializerContext;
