using Switchboard.Abstractions.Chat;
using Switchboard.Abstractions.Providers;
using Switchboard.Providers.Http;

namespace Switchboard.Providers.Gemini;

/// <summary>Builds Gemini HTTP requests and sends them with a time-to-first-byte limit, returning failures as values.</summary>
/// <remarks>
/// Errors pass through <see cref="GeminiErrors.Refine"/>, which reads the <c>google.rpc.RetryInfo</c> delay and the
/// invalid-key reason from the error body.
/// </remarks>
internal static class GeminiSender
{
    /// <summary>The header that carries the key, alone (no scheme).</summary>
    public const string ApiKeyHeader = "x-goog-api-key";

    /// <summary>Creates a request with the key in <c>x-goog-api-key</c> and the platform's extra headers.</summary>
    public static HttpRequestMessage CreateRequest(HttpMethod method, Uri url, UpstreamTarget target, PooledBufferWriter? body)
    {
        var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = RequestBodyContent.Json(body);
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
    public static ValueTask<(HttpResponseMessage? Response, UpstreamError? Error)> SendAsync(
        HttpClient client, HttpRequestMessage request, string platformName, TimeSpan firstByte, CancellationToken cancellationToken, bool idempotent = false) =>
        UpstreamSender.SendAsync(client, request, platformName, firstByte, cancellationToken, static (error, body) => GeminiErrors.Refine(error, body), idempotent);
}
