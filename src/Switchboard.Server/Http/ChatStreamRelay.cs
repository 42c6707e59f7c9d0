using Switchboard.Abstractions.Chat;
using Switchboard.Core.Pipeline;
using Switchboard.Server.OpenAI;

namespace Switchboard.Server.Http;

/// <summary>Sends an opened answer stream to the client, whatever its protocol: route headers, then the error that kept it from opening, or its events flushed as they come.</summary>
internal static class ChatStreamRelay
{
    /// <summary>Sends <paramref name="outcome"/>; a client that goes away ends the stream, whose disposal records the partial usage.</summary>
    public static async Task SendAsync(HttpContext context, StreamOutcome outcome, string contentType)
    {
        ChatCompletionsEndpoint.WriteRouteHeaders(context, outcome.Route);
        if (outcome.Error is { } error)
        {
            await ErrorResponses.WriteAsync(context, error);
            return;
        }

        var aborted = context.RequestAborted;
        await using var stream = outcome.Stream!;
        var response = context.Response;
        response.StatusCode = 200;
        response.ContentType = contentType;
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        var writer = response.BodyWriter;
        try
        {
            StreamStep step;
            do
            {
                step = await stream.ReadAsync(writer, aborted);
                var flush = await writer.FlushAsync(aborted);
                if (flush.IsCanceled || flush.IsCompleted || aborted.IsCancellationRequested)
                {
                    stream.MarkClientGone();
                    break;
                }
            }
            while (step == StreamStep.Data);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            stream.MarkClientGone();
        }
        catch (IOException) when (aborted.IsCancellationRequested)
        {
            stream.MarkClientGone();
        }
    }
}
