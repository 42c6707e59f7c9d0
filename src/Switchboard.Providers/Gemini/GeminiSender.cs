using System.Buffers;
using System.Net.Http.Headers;
using Switchboard.Abstractions.Chat;
using Switchboard.Abstractions.Providers;
using Switchboard.Providers.Http;

namespace Switchboard.Providers.Gemini;

/// <summary>Builds Gemini HTTP requests and sends them with a time-to-first-byte limit, returning failures as values.</summary>
/// <remarks>
/// Mirrors <see cref="UpstreamSender.SendAsync"/> but keeps the error body long enough for
/// <see cref="GeminiErrors.Refine"/> to read the <c>google.rpc.RetryInfo</c> delay and the invalid-key reason,
/// which the shared sender discards.
/// </remarks>
internal static class GeminiSender
{
    private const string ApiKeyHeader = "x-goog-api-key";
    private const int MaxErrorBodyBytes = 64 * 1024;
    private static readonly MediaTypeHeaderValue JsonContentType = MediaTypeHeaderValue.Parse("application/json");

    /// <summary>Creates a request with the key in <c>x-goog-api-key</c> and the platform's extra headers.</summary>
    public static HttpRequestMessage CreateRequest(HttpMethod method, Uri url, UpstreamTarget target, PooledBufferWriter? body)
    {
        var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body.Array, 0, body.WrittenCount);
            request.Content.Headers.ContentType = JsonContentType;
        }

        if (!string.IsNullOrEmpty(target.ApiKey))
        {
            request.Headers.TryAddWithoutValidation(ApiKeyHeader, target.ApiKey);
        }

        foreach (var (name, value) in target.Endpoint.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }

    /// <summary>Sends and returns the open response on a success status, or the refined error otherwise.</summary>
    /// <exception cref="OperationCanceledException">The caller's token was cancelled (client gone).</exception>
    public static async ValueTask<(HttpResponseMessage? Response, UpstreamError? Error)> SendAsync(
        HttpClient client, HttpRequestMessage request, string platformName, TimeSpan firstByte, CancellationToken cancellationToken)
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
            var error = GeminiErrors.Refine(UpstreamErrorFactory.FromResponse(response, body, platformName), body);
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
                while (total < MaxErrorBodyBytes
                    && (read = await stream.ReadAsync(buffer.AsMemory(total, MaxErrorBodyBytes - total), cancellationToken).ConfigureAwait(false)) > 0)
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
