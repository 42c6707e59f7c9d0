using System.Buffers;
using Switchboard.Abstractions.Chat;

namespace Switchboard.Providers.Http;

/// <summary>Sends one upstream request with a time-to-first-byte limit and turns failures into values.</summary>
internal static class UpstreamSender
{
    private const int MaxErrorBodyBytes = 64 * 1024;

    /// <summary>Sends and returns the open response on a success status, or the error otherwise.</summary>
    /// <remarks>The optional <c>refine</c> callback lets a protocol refine the error from its body (e.g. Google's RetryInfo).</remarks>
    /// <exception cref="OperationCanceledException">The caller's token was cancelled (client gone).</exception>
    public static async ValueTask<(HttpResponseMessage? Response, UpstreamError? Error)> SendAsync(
        HttpClient client, HttpRequestMessage request, string platformName, TimeSpan firstByte, CancellationToken cancellationToken,
        Func<UpstreamError, byte[], UpstreamError>? refine = null)
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

            var body = await ReadCappedAsync(response, timeout.Token).ConfigureAwait(false);
            var error = UpstreamErrorFactory.FromResponse(response, body, platformName);
            if (refine is not null)
            {
                error = refine(error, body);
            }

            response.Dispose();
            return (null, error);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            response?.Dispose();
            return (null, UpstreamErrorFactory.FromException(new TimeoutException(), platformName, timedOut: true));
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
        {
            response?.Dispose();
            return (null, UpstreamErrorFactory.FromException(ex, platformName, timedOut: false));
        }
    }

    /// <summary>Reads a whole success body within the remaining time; a failure becomes an error value.</summary>
    public static async ValueTask<(byte[]? Body, UpstreamError? Error)> ReadBodyAsync(
        HttpResponseMessage response, string platformName, TimeSpan limit, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limit);
        try
        {
            return (await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false), null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, UpstreamErrorFactory.FromException(new TimeoutException(), platformName, timedOut: true));
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
        {
            return (null, UpstreamErrorFactory.FromException(ex, platformName, timedOut: false));
        }
    }

    private static async Task<byte[]> ReadCappedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            var buffer = ArrayPool<byte>.Shared.Rent(MaxErrorBodyBytes);
            try
            {
                var total = 0;
                int read;
                while (total < MaxErrorBodyBytes && (read = await stream.ReadAsync(buffer.AsMemory(total, MaxErrorBodyBytes - total), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    total += read;
                }

                return buffer.AsSpan(0, total).ToArray();
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            return [];
        }
    }
}
