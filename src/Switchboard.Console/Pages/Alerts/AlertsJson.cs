using System.Text.Json.Serialization;
using Switchboard.Console.Shared;

namespace Switchboard.Console.Pages.Alerts;

/// <summary>Serializes the alerts page's answers without reflection, so trimming keeps every field it reads.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(DataList<AlertItem>))]
internal sealed partial class AlertsJson : JsonSerializerContext;
