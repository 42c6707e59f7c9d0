using System.Text.Json.Serialization;

namespace Switchboard.Server.Secrets;

/// <summary>The body of <c>POST /api/admin/seal</c>: the secret to seal.</summary>
internal sealed record SealRequest([property: JsonPropertyName("value")] string Value);
