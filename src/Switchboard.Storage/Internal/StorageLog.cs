using Microsoft.Extensions.Logging;
using Switchboard.Abstractions.Configuration;

namespace Switchboard.Storage.Internal;

/// <summary>Defines the storage layer's log messages. None of them carries a secret or a connection string.</summary>
internal static partial class StorageLog
{
    [LoggerMessage(EventId = 4000, Level = LogLevel.Information, Message = "Storage opened: {Provider} at {Target}")]
    public static partial void Opened(this ILogger logger, string provider, string target);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Applied migration {Version} ({Name}) in {ElapsedMs} ms")]
    public static partial void MigrationApplied(this ILogger logger, int version, string name, long elapsedMs);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Debug, Message = "Schema is at version {Version}; nothing to migrate")]
    public static partial void SchemaUpToDate(this ILogger logger, int version);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "The database schema is at version {DatabaseVersion}, newer than this build knows ({KnownVersion}); a newer replica probably migrated it")]
    public static partial void SchemaNewerThanBuild(this ILogger logger, int databaseVersion, int knownVersion);

    /// <summary>Logs what a seed from the platforms file changed, as counts (the host moves have a line of their own).</summary>
    public static void Seeded(this ILogger logger, SeedMode mode, SeedResult result) =>
        logger.Seeded(mode, result.PlatformsAdded, result.PlatformsUpdated, result.PlatformsRemoved, result.ModelsAdded, result.ModelsRemoved, result.KeysAdded, result.CatalogModelsAdded);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information, Message = "Seeded platforms ({Mode}): {PlatformsAdded} platforms added, {PlatformsUpdated} updated, {PlatformsRemoved} removed; {ModelsAdded} models added, {ModelsRemoved} removed; {KeysAdded} keys added; {CatalogModelsAdded} catalog models added")]
    private static partial void Seeded(this ILogger logger, SeedMode mode, int platformsAdded, int platformsUpdated, int platformsRemoved, int modelsAdded, int modelsRemoved, int keysAdded, int catalogModelsAdded);

    [LoggerMessage(EventId = 4012, Level = LogLevel.Warning, Message = "The platforms file moved {Platforms} to a new host: their old server keys and {UserKeys} users' own keys were dropped, so no key reaches a host it was not given for")]
    public static partial void SeedMovedHosts(this ILogger logger, string platforms, int userKeys);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Debug, Message = "Usage batch of {Count} records saved: {Inserted} new, {Duplicates} already stored, in {ElapsedMs} ms")]
    public static partial void UsageBatchSaved(this ILogger logger, int count, int inserted, int duplicates, long elapsedMs);
}
