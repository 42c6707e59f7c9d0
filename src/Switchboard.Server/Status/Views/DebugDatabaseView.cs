using System.Text.Json.Serialization;

namespace Switchboard.Server.Status.Views;

/// <summary>Describes the database without its password.</summary>
/// <param name="Provider">Sqlite or postgres.</param>
/// <param name="Connection">The connection string, password masked.</param>
/// <param name="SchemaVersion">The applied schema version.</param>
internal sealed record DebugDatabaseView(
    [property: JsonPropertyName("provider")] string Provider,
    [property: JsonPropertyName("connection")] string Connection,
    [property: JsonPropertyName("schema_version")] int SchemaVersion);
