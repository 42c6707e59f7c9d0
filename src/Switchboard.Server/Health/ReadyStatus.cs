using System.Text.Json.Serialization;

namespace Switchboard.Server.Health;

/// <summary>The body of <c>/readyz</c> once ready: the state and the database configuration version this process serves.</summary>
/// <param name="Status">Always <c>ready</c>.</param>
/// <param name="ConfigVersion">The configuration version served; replicas that agree show the same number.</param>
internal sealed record ReadyStatus(string Status, [property: JsonPropertyName("config_version")] long ConfigVersion);
