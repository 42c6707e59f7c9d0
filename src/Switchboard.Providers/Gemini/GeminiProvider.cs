using Switchboard.Abstractions.Chat;
using Switchboard.Abstractions.Providers;
using Switchboard.Providers.Http;

namespace Switchboard.Providers.Gemini;

/// <summary>Serves the <c>gemini</c> kind: Google's native <c>generateContent</c> API, translated to and from OpenAI Chat Completions.</summary>
/// <remarks>
/// Calls <c>{base_url}/models/{model}:generateContent</c> and <c>:streamGenerateContent?alt=sse</c> with the key in
/// the <c>x-goog-api-key</c> header only, never in the URL (URLs end up in logs). The base URL is typically
/// <c>https://generativelanguage.googleapis.com/v1beta</c>. Endpoint options: see <see cref="GeminiRequestOptions"/>.
/// Thread-safe singleton.
/// </remarks>
internal sealed class GeminiProvider(UpstreamHttpClients clients) : IChatCompletionProvider, IEmbeddingProvider, IModelListProvider
{
    public string Name => ProviderKinds.Gemini;

    public UpstreamKeyHeader? KeyHeader(UpstreamEndpoint endpoint) => new(GeminiSender.ApiKeyHeader, "");

    public async ValueTask<UpstreamResult<ChatCompletion>> CompleteAsync(UpstreamChatCall call, CancellationToken cancellationToken)
    {
        var target = call.Target;
        var platform = target.Endpoint.PlatformName;
        using var body = new PooledBufferWriter(call.Request.Body.Length + 256);
        if (GeminiRequestMapper.ToGeminiRequest(call.Request.Body, target, body) is { } invalid)
        {
            return invalid;
        }

        var url = GeminiUrls.Generate(target.Endpoint, target.UpstreamModel, stream: false);
        using var request = GeminiSender.CreateRequest(HttpMethod.Post, url, target, body);
        var (response, error) = await GeminiSender.SendAsync(clients.For(target.Endpoint, url), request, platform, call.Timeouts.FirstByte, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        using (response)
        {
            var (json, readError) = await UpstreamSender.ReadBodyAsync(response!, platform, call.Timeouts.Body, call.Limits.MaxResponseBytes, idempotent: false, cancellationToken).ConfigureAwait(false);
            return readError ?? GeminiResponseMapper.ToCompletion(json!, target.UpstreamModel, platform, Now());
        }
    }

    public async ValueTask<UpstreamResult<IChatStream>> StreamAsync(UpstreamChatCall call, CancellationToken cancellationToken)
    {
        var target = call.Target;
        var platform = target.Endpoint.PlatformName;
        var body = new PooledBufferWriter(call.Request.Body.Length + 256);
        HttpRequestMessage? request = null;
        HttpResponseMessage? response = null;
        try
        {
            if (GeminiRequestMapper.ToGeminiRequest(call.Request.Body, target, body) is { } invalid)
            {
                body.Dispose();
                return invalid;
            }

            var url = GeminiUrls.Generate(target.Endpoint, target.UpstreamModel, stream: true);
            request = GeminiSender.CreateRequest(HttpMethod.Post, url, target, body);
            (response, var error) = await GeminiSender.SendAsync(clients.For(target.Endpoint, url), request, platform, call.Timeouts.FirstByte, cancellationToken).ConfigureAwait(false);
            if (error is not null)
            {
                request.Dispose();
                body.Dispose();
                return error;
            }

            if (response!.Content.Headers.ContentType?.MediaType is { } mediaType && mediaType.Contains("json", StringComparison.OrdinalIgnoreCase))
            {
                // Not an SSE stream: a proxy or an old API version answered with plain JSON.
                using (response)
                {
                    var (json, readError) = await UpstreamSender.ReadBodyAsync(response, platform, call.Timeouts.Body, call.Limits.MaxResponseBytes, idempotent: false, cancellationToken).ConfigureAwait(false);
                    request.Dispose();
                    body.Dispose();
                    return readError ?? NotAStream(json!, platform);
                }
            }

            IChatStream stream = await GeminiChatStream.OpenAsync(response, call, Now(), new CompositeDisposable(request, body), cancellationToken).ConfigureAwait(false);
            return UpstreamResult<IChatStream>.Success(stream);
        }
        catch
        {
            response?.Dispose();
            request?.Dispose();
            body.Dispose();
            throw;
        }
    }

    public ValueTask<UpstreamResult<EmbeddingResult>> EmbedAsync(EmbeddingCall call, CancellationToken cancellationToken) =>
        GeminiEmbeddings.EmbedAsync(clients, call, cancellationToken);

    public ValueTask<UpstreamResult<ModelListResult>> ListModelsAsync(UpstreamTarget target, UpstreamTimeouts timeouts, CancellationToken cancellationToken) =>
        GeminiModelLister.ListAsync(clients, target, timeouts, cancellationToken);

    private static UpstreamError NotAStream(byte[] json, string platform)
    {
        var (message, code, _) = UpstreamErrorFactory.ReadBody(json);
        return new UpstreamError(UpstreamErrorKind.MalformedResponse, message ?? $"Upstream '{platform}' answered a stream request with JSON.")
        {
            UpstreamCode = code,
            UpstreamStatus = 200,
        };
    }

    private static long Now() => TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();
}
