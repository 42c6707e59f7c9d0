using Microsoft.Extensions.Logging;

namespace Switchboard.Core.Configuration;

/// <summary>Logs what loading the platforms file found.</summary>
internal static partial class PlatformsFileLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Platforms file: {Warning}")]
    public static partial void FileWarning(ILogger logger, string warning);

    [LoggerMessage(
        EventId = 2002,
        Level = LogLevel.Information,
        Message = "Read {PlatformCount} platforms, {ModelCount} models, {KeyCount} keys and {CatalogCount} catalog models from {FileName}")]
    public static partial void FileRead(ILogger logger, int platformCount, int modelCount, int keyCount, int catalogCount, string fileName);
}
