using System.Text.Json.Serialization;

namespace Switchboard.Server.Status.Views;

/// <summary>Shows the effective configuration with every secret masked.</summary>
/// <param name="GeneratedAt">When it was built.</param>
/// <param name="Database">The database.</param>
/// <param name="Engine">The engine settings.</param>
/// <param name="Gateway">The request-path settings.</param>
/// <param name="Usage">The usage settings.</param>
/// <param name="Telemetry">The telemetry settings.</param>
/// <param name="Settings">The stored settings, secret-like values masked.</param>
/// <param name="Platforms">The platforms with masked keys.</param>
/// <param name="Catalog">The declared catalog models.</param>
/// <param name="VirtualKeys">The number of virtual keys.</param>
internal sealed record DebugConfigView(
    [property: JsonPropertyName("generated_at")] DateTimeOffset GeneratedAt,
    [property: JsonPropertyName("database")] DebugDatabaseView Database,
    [property: JsonPropertyName("engine")] IReadOnlyDictionary<string, string?> Engine,
    [property: JsonPropertyName("gateway")] IReadOnlyDictionary<string, string?> Gateway,
    [property: JsonPropertyName("usage")] IReadOnlyDictionary<string, string?> Usage,
    [property: JsonPropertyName("telemetry")] IReadOnlyDictionary<string, string?> Telemetry,
    [property: JsonPropertyName("settings")] IReadOnlyDictionary<string, string> Settings,
    [property: JsonPropertyName("platforms")] IReadOnlyList<DebugPlatformView> Platforms,
    [property: JsonPropertyName("catalog")] IReadOnlyList<DebugCatalogView> Catalog,
    [property: JsonPropertyName("virtual_keys")] int VirtualKeys);
