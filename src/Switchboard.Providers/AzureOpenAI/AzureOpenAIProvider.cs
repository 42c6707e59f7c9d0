using System.Runtime.CompilerServices;
using Switchboard.Abstractions.Chat;
using Switchboard.Abstractions.Providers;
using Switchboard.Providers.Http;
using Switchboard.Providers.OpenAI;

namespace Switchboard.Providers.AzureOpenAI;

/// <summary>Serves the <c>azure-openai</c> kind: the OpenAI wire format at deployment URLs with an <c>api-key</c> header.</summary>
/// <remarks>
/// Classic resources take <c>{base}/openai/deployments/{deployment}/{operation}?api-version=…</c>, where the
/// platform model's upstream name is the deployment. A base URL ending in <c>/openai/v1</c> uses the v1 API:
/// plain OpenAI paths with the deployment in <c>model</c> and no <c>api-version</c>.
/// </remarks>
internal sealed class AzureOpenAIProvider(UpstreamHttpClients clients) : IChatCompletionProvider, IEmbeddingProvider, IModelListProvider
{
    /// <summary>The <c>api-version</c> used when the platform does not set one.</summary>
    public const string DefaultApiVersion = "2024-10-21";

    private readonly OpenAIWire _wire = new(clients);

    public string Name => ProviderKinds.AzureOpenAI;

    public UpstreamKeyHeader? KeyHeader(UpstreamEndpoint endpoint) => Options(endpoint).KeyHeader;

    public ValueTask<UpstreamResult<ChatCompletion>> CompleteAsync(UpstreamChatCall call, CancellationToken cancellationToken) =>
        _wire.CompleteAsync(call, Url(call.Target, "chat/completions"), Options(call.Target.Endpoint), cancellationToken);

    public ValueTask<UpstreamResult<IChatStream>> StreamAsync(UpstreamChatCall call, CancellationToken cancellationToken) =>
        _wire.StreamAsync(call, Url(call.Target, "chat/completions"), Options(call.Target.Endpoint), cancellationToken);

    public ValueTask<UpstreamResult<EmbeddingResult>> EmbedAsync(EmbeddingCall call, CancellationToken cancellationToken) =>
        _wire.EmbedAsync(call, Url(call.Target, "embeddings"), Options(call.Target.Endpoint), cancellationToken);

    public ValueTask<UpstreamResult<ModelListResult>> ListModelsAsync(UpstreamTarget target, UpstreamTimeouts timeouts, CancellationToken cancellationToken)
    {
        var endpoint = target.Endpoint;
        var url = IsV1(endpoint.BaseUrl)
            ? EndpointUrls.Append(endpoint.BaseUrl, "models")
            : EndpointUrls.Append(endpoint.BaseUrl, "openai/models", "api-version=" + ApiVersion(endpoint));
        return _wire.ListModelsAsync(target, url, Options(endpoint), timeouts, cancellationToken);
    }

    internal static Uri Url(UpstreamTarget target, string operation)
    {
        var endpoint = target.Endpoint;
        if (IsV1(endpoint.BaseUrl))
        {
            return EndpointUrls.Append(endpoint.BaseUrl, operation);
        }

        var deployment = Uri.EscapeDataString(target.UpstreamModel);
        return EndpointUrls.Append(endpoint.BaseUrl, $"openai/deployments/{deployment}/{operation}", "api-version=" + Uri.EscapeDataString(ApiVersion(endpoint)));
    }

    private static bool IsV1(Uri baseUrl) => baseUrl.AbsolutePath.TrimEnd('/').EndsWith("/openai/v1", StringComparison.OrdinalIgnoreCase);

    private static string ApiVersion(UpstreamEndpoint endpoint) => endpoint.GetOption("api_version", DefaultApiVersion)!;

    private static readonly ConditionalWeakTable<UpstreamEndpoint, OpenAIWireOptions> AzureOptions = [];

    /// <summary>Gets the endpoint's wire options with Azure's <c>api-key</c> header unless the platform chose another, built once per endpoint snapshot.</summary>
    private static OpenAIWireOptions Options(UpstreamEndpoint endpoint) => AzureOptions.GetValue(endpoint, static e =>
        e.GetOption("auth_header") is null
            ? OpenAIWireOptions.From(e) with { AuthHeader = "api-key", AuthScheme = "" }
            : OpenAIWireOptions.From(e));
}
