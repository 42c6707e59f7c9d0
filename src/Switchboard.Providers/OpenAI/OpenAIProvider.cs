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

    public ValueTask<UpstreamResult<ChatCompletion>> CompleteAsync(UpstreamChatCall call, CancellationToken cancellationToken) =>
        _wire.CompleteAsync(call, Url(call.Target.Endpoint, "chat/completions"), OpenAIWireOptions.For(call.Target.Endpoint), cancellationToken);

    public ValueTask<UpstreamResult<IChatStream>> StreamAsync(UpstreamChatCall call, CancellationToken cancellationToken) =>
        _wire.StreamAsync(call, Url(call.Target.Endpoint, "chat/completions"), OpenAIWireOptions.For(call.Target.Endpoint), cancellationToken);

    public ValueTask<UpstreamResult<EmbeddingResult>> EmbedAsync(EmbeddingCall call, CancellationToken cancellationToken) =>
        _wire.EmbedAsync(call, Url(call.Target.Endpoint, "embeddings"), OpenAIWireOptions.For(call.Target.Endpoint), cancellationToken);

    public ValueTask<UpstreamResult<ModelListResult>> ListModelsAsync(UpstreamTarget target, UpstreamTimeouts timeouts, CancellationToken cancellationToken) =>
        _wire.ListModelsAsync(target, Url(target.Endpoint, "models"), OpenAIWireOptions.For(target.Endpoint), timeouts, cancellationToken);

    private static Uri Url(UpstreamEndpoint endpoint, string path) => EndpointUrls.Append(endpoint.BaseUrl, path);
}
