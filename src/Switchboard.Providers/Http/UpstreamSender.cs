using System.Text.Json;
using Switchboard.Abstractions.Chat;

namespace Switchboard.Providers.Http;

/// <summary>Sends one upstream request with a time-to-first-byte limit, reads answers within size and time caps, and turns failures into values.</summary>
/// <remarks>
/// <c>idempotent</c> says whether the call may run twice without harm (embeddings, model lists); chat is not, and
/// <see cref="RequestDelivery"/> keeps a chat call that may have been processed from being retried.
/// </remarks>
internal static class UpstreamSender
{
    private const int MaxErrorBodyBytes = 64 * 1024;

    /// <summary>The largest model list page read: the longest lists (hundreds of models) take a few hundred KiB.</summary>
    private const int MaxModelListBytes = 8 * 1024 * 1024;

    /// <summary>Sends and returns the open response on a success status, or the error otherwise.</summary>
    /// <remarks>The optional <c>refine</c> callback lets a protocol refine the error from its body (e.g. Google's RetryInfo).</remarks>
    /// <exception cref="OperationCanceledException">The caller's token was cancelled (client gone).</exception>
    public static async ValueTask<(HttpResponseMessage? Response, UpstreamError? Error)> SendAsync(
        HttpClient client, HttpRequestMessage request, string platformName, TimeSpan firstByte, CancellationToken cancellationToken,
        Func<UpstreamError, byte[], UpstreamError>? refine = null, bool idempotent = false)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(firstByte);
        HttpResponseMessage? response = null;
        try
        {
            response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return (response, null);
            }

            var body = await ReadErrorBodyAsync(response, timeout.Token).ConfigureAwait(false);
            var error = UpstreamErrorFactory.FromResponse(response, body, platformName);
            if (refine is not null)
            {
                try
                {
                    error = refine(error, body);
                }
                catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
                {
                    // A vendor's details that cannot be read leave the generic reading of the status and body.
                }
            }

            response.Dispose();
            return (null, error);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            response?.Dispose();
            return (null, RequestDelivery.HeadersTimedOut(request, platformName, idempotent));
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
        {
            response?.Dispose();
            return (null, RequestDelivery.SendFailed(ex, request, platformName, idempotent));
        }
    }

    /// <summary>Reads a whole success body within the body time limit and the size cap; a failure becomes an error value.</summary>
    /// <remarks>
    /// A <c>Content-Length</c> over the cap is refused without reading a byte; otherwise reading stops as soon as
    /// the cap is passed (<see cref="CappedBodyReader"/>). The time limit is for the body as a whole, not per read, so
    /// an upstream that trickles a byte at a time cannot hold the request.
    /// </remarks>
    /// <exception cref="OperationCanceledException">The caller's token was cancelled (client gone).</exception>
    public static async ValueTask<(byte[]? Body, UpstreamError? Error)> ReadBodyAsync(
        HttpResponseMessage response, string platformName, TimeSpan limit, int maxBytes, bool idempotent, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limit);
        try
        {
            var body = await CappedBodyReader.ReadAsync(response.Content, maxBytes, timeout.Token).ConfigureAwait(false);
            return body is null ? (null, RequestDelivery.BodyTooLarge(platformName, maxBytes, idempotent)) : (body, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, RequestDelivery.BodyTimedOut(platformName, limit, idempotent));
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
        {
            return (null, RequestDelivery.AnswerBroken(ex, platformName, idempotent));
        }
    }

    /// <summary>Reads one model list page under <see cref="MaxModelListBytes"/> within the timeouts' body limit; listing is idempotent.</summary>
    /// <exception cref="OperationCanceledException">The caller's token was cancelled.</exception>
    public static ValueTask<(byte[]? Body, UpstreamError? Error)> ReadModelListAsync(
        HttpResponseMessage response, string platformName, Abstractions.Providers.UpstreamTimeouts timeouts, CancellationToken cancellationToken) =>
        ReadBodyAsync(response, platformName, timeouts.Body, MaxModelListBytes, idempotent: true, cancellationToken);

    private static async Task<byte[]> ReadErrorBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await CappedBodyReader.ReadPrefixAsync(response.Content, MaxErrorBodyBytes, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            return [];
        }
    }
}
