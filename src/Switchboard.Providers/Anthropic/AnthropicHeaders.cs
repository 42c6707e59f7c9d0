using Switchboard.Abstractions.Chat;
using Switchboard.Abstractions.Providers;
using Switchboard.Providers.Http;

namespace Switchboard.Providers.Anthropic;

/// <summary>Builds Anthropic requests: <c>x-api-key</c>, <c>anthropic-version</c>, optional <c>anthropic-beta</c>, then the platform's headers.</summary>
/// <remarks>
/// Endpoint options: <c>anthropic_version</c> overrides the version (default <see cref="DefaultVersion"/>) and
/// <c>anthropic_beta</c> sets the beta list. Headers configured on the platform win over both.
/// </remarks>
internal static class AnthropicHeaders
{
    /// <summary>The API version sent when the endpoint does not set <c>anthropic_version</c>.</summary>
    public const string DefaultVersion = "2023-06-01";

    /// <summary>The header that carries the key, alone (no scheme).</summary>
    public const string ApiKeyHeader = "x-api-key";

    /// <summary>Creates the request; <paramref name="native"/> is the Anthropic client's own request, whose <c>anthropic-beta</c> list is forwarded.</summary>
    public static HttpRequestMessage CreateRequest(HttpMethod method, Uri url, UpstreamTarget target, PooledBufferWriter? body, NativeRequest? native = null)
    {
        var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = RequestBodyContent.Json(body);
        }

        var endpoint = target.Endpoint;
        if (!string.IsNullOrEmpty(target.ApiKey))
        {
            request.Headers.TryAddWithoutValidation(ApiKeyHeader, target.ApiKey);
        }

        request.Headers.TryAddWithoutValidation("anthropic-version", endpoint.GetOption("anthropic_version", DefaultVersion));
        if (AnthropicPassthrough.Beta(endpoint.GetOption("anthropic_beta"), native) is { } beta)
        {
            request.Headers.TryAddWithoutValidation("anthropic-beta", beta);
        }

        foreach (var (name, value) in endpoint.Headers)
        {
            request.Headers.Remove(name);
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }
}
