using System.Text.Json.Serialization;

namespace Switchboard.Server.Secrets;

/// <summary>The answer to <c>POST /api/admin/seal</c>: the sealed value, ready for <c>api_key</c> in the platforms file.</summary>
internal sealed record SealedView([property: JsonPropertyName("sealed")] string Sealed);
