namespace Switchboard.Server.Responses;

/// <summary>Log messages of the Responses API.</summary>
internal static partial class ResponsesLog
{
    [LoggerMessage(EventId = 7101, Level = LogLevel.Warning, Message = "Response {ResponseId} was answered but not stored: the store failed")]
    public static partial void SaveFailed(ILogger logger, string responseId, Exception exception);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Warning, Message = "Response {ResponseId} was answered but not stored: it takes {Bytes} bytes, over Switchboard:Responses:MaxStoredBytes ({Limit})")]
    public static partial void TooLargeToStore(ILogger logger, string responseId, long bytes, long limit);

    [LoggerMessage(EventId = 7103, Level = LogLevel.Error, Message = "The stored responses could not be read")]
    public static partial void ReadFailed(ILogger logger, Exception exception);
}
