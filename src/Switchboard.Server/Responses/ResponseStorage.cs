using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Switchboard.Abstractions.Responses;
using Switchboard.Abstractions.Storage;
using Switchboard.Core.Errors;

namespace Switchboard.Server.Responses;

/// <summary>Reads and saves stored responses for the endpoints: the owner rule, the retention, the size bound, and failures that never fail a request.</summary>
internal sealed class ResponseStorage(IResponseStore store, IOptions<ResponsesOptions> options, TimeProvider time, ILogger<ResponseStorage> logger)
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Reads a response of <paramref name="owner"/>; returns the error to send when it is not there or the store cannot be read.</summary>
    public async ValueTask<(StoredResponse? Response, GatewayError? Error)> GetAsync(string id, string owner, Func<string, GatewayError> notFound, CancellationToken cancellationToken)
    {
        try
        {
            var stored = await store.GetAsync(id, owner, cancellationToken);
            return stored is null ? (null, notFound(id)) : (stored, null);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            ResponsesLog.ReadFailed(logger, e);
            return (null, new GatewayError(503, "server_error", "store_unavailable", "Stored responses cannot be read right now; retry shortly."));
        }
    }

    /// <summary>Deletes a response of <paramref name="owner"/>; returns the error to send when there was none or the store failed.</summary>
    public async ValueTask<GatewayError?> DeleteAsync(string id, string owner, CancellationToken cancellationToken)
    {
        try
        {
            return await store.DeleteAsync(id, owner, cancellationToken) ? null : ResponsesErrors.NotFound(id);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            ResponsesLog.ReadFailed(logger, e);
            return new GatewayError(503, "server_error", "store_unavailable", "Stored responses cannot be changed right now; retry shortly.");
        }
    }

    /// <summary>Saves a finished response with its whole conversation input; a failure or an oversize response is logged, never raised.</summary>
    public async ValueTask SaveAsync(ResponsesRequest request, ResponseDraft draft, byte[] responseJson, byte[] inputJson, string owner)
    {
        var limit = options.Value.MaxStoredBytes;
        var bytes = (long)responseJson.Length + inputJson.Length;
        if (bytes > limit)
        {
            ResponsesLog.TooLargeToStore(logger, draft.Id, bytes, limit);
            return;
        }

        var now = time.GetUtcNow();
        try
        {
            // Not the request's token: a client that leaves as the answer ends still gets its response stored.
            await store.SaveAsync(new StoredResponse
            {
                Id = draft.Id,
                Owner = owner,
                Model = request.Model,
                CreatedAt = now,
                ExpiresAt = now.AddDays(options.Value.RetentionDays),
                InputJson = Encoding.UTF8.GetString(inputJson),
                ResponseJson = Encoding.UTF8.GetString(responseJson),
                PreviousResponseId = request.PreviousResponseId,
            }, CancellationToken.None);
        }
        catch (Exception e)
        {
            ResponsesLog.SaveFailed(logger, draft.Id, e);
        }
    }

    /// <summary>Writes the response object as UTF-8 JSON.</summary>
    public static byte[] Serialize(ResponseDraft draft)
    {
        using var buffer = new MemoryStream(1024);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            draft.Write(writer);
        }

        return buffer.ToArray();
    }
}
