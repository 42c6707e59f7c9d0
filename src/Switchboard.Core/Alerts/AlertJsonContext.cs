using System.Text.Json;
using System.Text.Json.Serialization;

namespace Switchboard.Core.Alerts;

/// <summary>Source-generated serialization of <see cref="WebhookPayload"/>, with the web defaults <c>PostAsJsonAsync</c> used before.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(WebhookPayload))]
internal sealed partial class AlertJsonContext : JsonSerializerContext;
