using Switchboard.Abstractions.Chat;
using Switchboard.Abstractions.Providers;
using Switchboard.Providers.Http;

namespace Switchboard.Providers.OpenAI;

/// <summary>Serves the <c>openai</c> kind: OpenAI itself and every OpenAI-compatible vendor through presets.</summary>
internal sealed class OpenAIProvider(UpstreamHttpClients clients) : IChatCompletionProvider, IEmbeddingProvider, IModelListProvider
{
    private readonly OpenAIWire _wire = new(clients);

    public string Name => ProviderKinds.OpenAI;

    public UpstreamKeyHeader? KeyHeader(UpstreamEndpoint endpoint) => OpenAIWireOptions.For(endpoint).KeyHeader;

    public ValueTask<UpstreamResult<ChatCompletion>> CompleteAsync(UpstreamChatCall call, CancellationToken cancellationToken)
    {
        var options = OpenAIWireOptions.For(call.Target.Endpoint);
        return _wire.CompleteAsync(call, Url(call.Target.Endpoint, ChatPath(call, options)), options, cancellationToken);
    }

    public ValueTask<UpstreamResult<IChatStream>> StreamAsync(UpstreamChatCall call, CancellationToken cancellationToken)
    {
        var options = OpenAIWireOptions.For(call.Target.Endpoint);
        return _wire.StreamAsync(call, Url(call.Target.Endpoint, ChatPath(call, options)), options, cancellationToken);
    }

    public ValueTask<UpstreamResult<EmbeddingResult>> EmbedAsync(EmbeddingCall call, CancellationToken cancellationToken) =>
        _wire.EmbedAsync(call, Url(call.Target.Endpoint, "embeddings"), OpenAIWireOptions.For(call.Target.Endpoint), cancellationToken);

    public ValueTask<UpstreamResult<ModelListResult>> ListModelsAsync(UpstreamTarget target, UpstreamTimeouts timeouts, CancellationToken cancellationToken) =>
        _wire.ListModelsAsync(target, Url(target.Endpoint, "models"), OpenAIWireOptions.For(target.Endpoint), timeouts, cancellationToken);

    private static Uri Url(UpstreamEndpoint endpoint, string path) => EndpointUrls.Append(endpoint.BaseUrl, path);

    /// <summary>Returns the path a chat call goes to: <c>responses</c> when a Responses client's request passes through to an endpoint that serves that API.</summary>
    private static string ChatPath(UpstreamChatCall call, OpenAIWireOptions options) =>
        OpenAIWire.IsNativeResponses(call, options) ? "responses" : "chat/completions";
}
