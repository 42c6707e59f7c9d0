using Switchboard.Abstractions.Chat;
using Switchboard.Abstractions.Providers;
using Switchboard.Providers.Http;

namespace Switchboard.Providers.Anthropic;

/// <summary>Serves the <c>anthropic</c> kind: OpenAI Chat Completions translated to and from the Anthropic Messages API.</summary>
/// <remarks>
/// The base URL includes the version path (<c>https://api.anthropic.com/v1</c>); calls go to <c>{base}/messages</c> and
/// <c>{base}/models</c>, and token counts to <c>{base}/messages/count_tokens</c>. Endpoint options: <c>anthropic_version</c>, <c>anthropic_beta</c> and <c>default_max_tokens</c>.
/// A thread-safe singleton: all per-call state lives in locals and in the stream it returns.
/// </remarks>
internal sealed class AnthropicProvider(UpstreamHttpClients clients) : IChatCompletionProvider, IModelListProvider, ITokenCountProvider, ICacheWritePricing
{
    /// <summary>The most model pages followed; Anthropic lists tens of models, so this only stops a looping cursor.</summary>
    private const int MaxModelPages = 20;

    public string Name => ProviderKinds.Anthropic;

    public UpstreamKeyHeader? KeyHeader(UpstreamEndpoint endpoint) => new(AnthropicHeaders.ApiKeyHeader, "");

    /// <summary>Gets Anthropic's price of a five-minute cache write: 1.25 times the input price.</summary>
    public decimal CacheWriteMultiplier => 1.25m;

    /// <summary>Gets Anthropic's price of a one-hour cache write: twice the input price.</summary>
    public decimal CacheWrite1HourMultiplier => 2m;

    public async ValueTask<UpstreamResult<ChatCompletion>> CompleteAsync(UpstreamChatCall call, CancellationToken cancellationToken)
    {
        var target = call.Target;
        var platform = target.Endpoint.PlatformName;
        var native = AnthropicPassthrough.Of(call.Request);
        using var body = new PooledBufferWriter((native?.Body.Length ?? call.Request.Body.Length) + 512);
        if (WriteBody(call.Request, native, target, stream: false, body) is { } invalid)
        {
            return invalid;
        }

        var (json, error) = await PostAsync(call, "messages", body, native, idempotent: false, cancellationToken).ConfigureAwait(false);
        return error ?? AnthropicResponseMapper.FromAnthropicResponse(json!, platform, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), native is not null);
    }

    public async ValueTask<UpstreamResult<IChatStream>> StreamAsync(UpstreamChatCall call, CancellationToken cancellationToken)
    {
        var target = call.Target;
        var platform = target.Endpoint.PlatformName;
        var native = AnthropicPassthrough.Of(call.Request);
        var body = new PooledBufferWriter((native?.Body.Length ?? call.Request.Body.Length) + 512);
        HttpRequestMessage? request = null;
        try
        {
            if (WriteBody(call.Request, native, target, stream: true, body) is { } invalid)
            {
                body.Dispose();
                return invalid;
            }

            var url = EndpointUrls.Append(target.Endpoint.BaseUrl, "messages");
            request = AnthropicHeaders.CreateRequest(HttpMethod.Post, url, target, body, native);
            var (response, error) = await UpstreamSender.SendAsync(clients.For(target.Endpoint, url), request, platform, call.Timeouts.FirstByte, cancellationToken, AnthropicErrors.Refine).ConfigureAwait(false);
            if (error is not null)
            {
                request.Dispose();
                body.Dispose();
                return error;
            }

            if (response!.Content.Headers.ContentType?.MediaType is { } mediaType && mediaType.Contains("json", StringComparison.OrdinalIgnoreCase))
            {
                // A JSON body with status 200 to a stream request is an error object, or not Anthropic at all.
                using (response)
                {
                    var (json, readError) = await UpstreamSender.ReadBodyAsync(response, platform, call.Timeouts.Body, call.Limits.MaxResponseBytes, idempotent: false, cancellationToken).ConfigureAwait(false);
                    request.Dispose();
                    body.Dispose();
                    return readError ?? JsonInsteadOfStream(json!, platform);
                }
            }

            IChatStream stream = await AnthropicChatStream.OpenAsync(response, call, new CompositeDisposable(request, body), cancellationToken).ConfigureAwait(false);
            return UpstreamResult<IChatStream>.Success(stream);
        }
        catch
        {
            request?.Dispose();
            body.Dispose();
            throw;
        }
    }

    public async ValueTask<UpstreamResult<TokenCount>> CountTokensAsync(UpstreamChatCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var target = call.Target;
        var native = AnthropicPassthrough.Of(call.Request);

        // The body a Messages call would send (passthrough or translation, extra body included), less what count_tokens refuses.
        using var messages = new PooledBufferWriter((native?.Body.Length ?? call.Request.Body.Length) + 512);
        if (WriteBody(call.Request, native, target, stream: false, messages) is { } invalid)
        {
            return invalid;
        }

        using var body = new PooledBufferWriter(messages.WrittenCount);
        AnthropicTokenCount.WriteBody(messages.WrittenMemory, body);
        var (json, error) = await PostAsync(call, "messages/count_tokens", body, native, idempotent: true, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        return AnthropicTokenCount.TryRead(json!, out var tokens)
            ? new TokenCount { InputTokens = tokens }
            : UpstreamErrorFactory.Malformed(target.Endpoint.PlatformName, "the token count has no input_tokens number");
    }

    public async ValueTask<UpstreamResult<ModelListResult>> ListModelsAsync(UpstreamTarget target, UpstreamTimeouts timeouts, CancellationToken cancellationToken)
    {
        var platform = target.Endpoint.PlatformName;
        var models = new List<UpstreamModelInfo>();
        string? afterId = null;
        for (var page = 0; page < MaxModelPages; page++)
        {
            var query = afterId is null ? "limit=1000" : "limit=1000&after_id=" + Uri.EscapeDataString(afterId);
            var url = EndpointUrls.Append(target.Endpoint.BaseUrl, "models", query);
            using var request = AnthropicHeaders.CreateRequest(HttpMethod.Get, url, target, body: null);
            var (response, error) = await UpstreamSender.SendAsync(clients.For(target.Endpoint, url), request, platform, timeouts.FirstByte, cancellationToken, AnthropicErrors.Refine).ConfigureAwait(false);
            if (error is not null)
            {
                return error;
            }

            using (response)
            {
                var (json, readError) = await UpstreamSender.ReadModelListAsync(response!, platform, timeouts, cancellationToken).ConfigureAwait(false);
                if (readError is not null)
                {
                    return readError;
                }

                if (!AnthropicModelList.TryReadPage(json!, models, out afterId))
                {
                    return UpstreamErrorFactory.Malformed(platform, "the model list has no data array");
                }
            }

            if (afterId is null)
            {
                break;
            }
        }

        return new ModelListResult { Models = models };
    }

    /// <summary>Posts <paramref name="body"/> to <c>{base}/{path}</c> and reads the whole JSON answer within the call's limits; a failure is an error value.</summary>
    private async ValueTask<(byte[]? Json, UpstreamError? Error)> PostAsync(
        UpstreamChatCall call, string path, PooledBufferWriter body, NativeRequest? native, bool idempotent, CancellationToken cancellationToken)
    {
        var target = call.Target;
        var platform = target.Endpoint.PlatformName;
        var url = EndpointUrls.Append(target.Endpoint.BaseUrl, path);
        using var request = AnthropicHeaders.CreateRequest(HttpMethod.Post, url, target, body, native);
        var (response, error) = await UpstreamSender.SendAsync(clients.For(target.Endpoint, url), request, platform, call.Timeouts.FirstByte, cancellationToken, AnthropicErrors.Refine).ConfigureAwait(false);
        if (error is not null)
        {
            return (null, error);
        }

        using (response)
        {
            return await UpstreamSender.ReadBodyAsync(response!, platform, call.Timeouts.Body, call.Limits.MaxResponseBytes, idempotent, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes the upstream body: an Anthropic client's own body passed through, else the translation of the canonical one.</summary>
    private static UpstreamError? WriteBody(ChatCompletionRequest request, NativeRequest? native, UpstreamTarget target, bool stream, PooledBufferWriter body) =>
        native is not null
            ? AnthropicPassthrough.WriteBody(native, target, stream, body)
            : AnthropicRequestMapper.ToAnthropicRequest(request.Body, target, stream, body);

    private static UpstreamError JsonInsteadOfStream(byte[] json, string platform)
    {
        var (message, code, _) = UpstreamErrorFactory.ReadBody(json);
        var error = new UpstreamError(UpstreamErrorKind.MalformedResponse, message ?? $"Upstream '{platform}' answered a stream request with JSON.")
        {
            UpstreamCode = code,
            UpstreamStatus = 200,
        };
        return code is null ? error : error with { Kind = AnthropicErrors.KindOf(System.Text.Encoding.UTF8.GetBytes(code)) };
    }
}
