using System.Text.Json.Serialization;

namespace Switchboard.Console.Pages.Audit;

/// <summary>Serializes the audit page's answers without reflection, so trimming keeps every field it reads.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(AuditEntries))]
internal sealed partial class AuditJson : JsonSerializerContext;
