using Switchboard.Abstractions.Chat;
using Switchboard.Core.Pipeline;
using Switchboard.Server.OpenAI;

namespace Switchboard.Server.Http;

/// <summary>Sends an opened answer stream to the client, whatever its protocol: route headers, then the error that kept it from opening, or its events flushed as they come.</summary>
internal static class ChatStreamRelay
{
    /// <summary>Sends a stream as it opens; a client that leaves while it opens gets nothing, and the writer of a stream that never opened is released here.</summary>
    /// <param name="context">The request.</param>
    /// <param name="opening">The pipeline opening the stream.</param>
    /// <param name="writer">The writer the stream was opened with, or null for the pipeline's own OpenAI writer; the opened stream owns it.</param>
    /// <param name="contentType">The response's content type.</param>
    public static async Task SendAsync(HttpContext context, ValueTask<StreamOutcome> opening, ClientStreamWriter? writer, string contentType)
    {
        StreamOutcome outcome;
        try
        {
            outcome = await opening;
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            writer?.Dispose();
            return;
        }

        if (outcome.Stream is null)
        {
            writer?.Dispose();
        }

        await SendAsync(context, outcome, contentType);
    }

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
