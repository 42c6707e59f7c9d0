using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Switchboard.Console.Pages.Catalog;

/// <summary>Serializes the catalog page's bodies without reflection, so trimming keeps every field it reads.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CatalogList))]
[JsonSerializable(typeof(CatalogSyncDiff))]
[JsonSerializable(typeof(SyncApplyRequest))]
[JsonSerializable(typeof(SyncApplyResult))]
[JsonSerializable(typeof(JsonObject))]
internal sealed partial class CatalogJson : JsonSerializerContext;
