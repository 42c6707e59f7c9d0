using System.Buffers;
using System.Text;
using System.Text.Json;
using Switchboard.Abstractions.Chat;
using Switchboard.Abstractions.Providers;
using Switchboard.Abstractions.Usage;

namespace Switchboard.Providers.Demo;

/// <summary>Serves the built-in offline <c>demo</c> model, so a fresh install answers with no keys and no network.</summary>
internal sealed class DemoProvider(TimeProvider time) : IChatCompletionProvider, IEmbeddingProvider, IModelListProvider
{
    /// <summary>The model name the demo platform serves.</summary>
    public const string ModelName = "demo";

    /// <summary>The embedding model name the demo platform serves.</summary>
    public const string EmbeddingModelName = "demo-embedding";

    private long _sequence;

    public string Name => ProviderKinds.Demo;

    public bool RequiresApiKey => false;

    public string? DefaultBaseUrl => "https://demo.switchboard.invalid";

    public ValueTask<UpstreamResult<ChatCompletion>> CompleteAsync(UpstreamChatCall call, CancellationToken cancellationToken)
    {
        var script = DemoScript.For(call.Request.Body.Span, call.Request.MaxTokens);
        var json = DemoCompletionWriter.Completion(script, NextId(), call.Target.UpstreamModel, time.GetUtcNow().ToUnixTimeSeconds());
        return ValueTask.FromResult<UpstreamResult<ChatCompletion>>(new ChatCompletion
        {
            Json = json,
            Usage = new TokenUsage(script.InputTokens, script.OutputTokens),
            UsageSource = UsageSource.Reported,
            FinishReason = script.FinishReason,
        });
    }

    public ValueTask<UpstreamResult<IChatStream>> StreamAsync(UpstreamChatCall call, CancellationToken cancellationToken)
    {
        var script = DemoScript.For(call.Request.Body.Span, call.Request.MaxTokens);
        IChatStream stream = new DemoChatStream(script, NextId(), call.Target.UpstreamModel, time.GetUtcNow().ToUnixTimeSeconds());
        return ValueTask.FromResult(UpstreamResult<IChatStream>.Success(stream));
    }

    public ValueTask<UpstreamResult<EmbeddingResult>> EmbedAsync(EmbeddingCall call, CancellationToken cancellationToken) =>
        ValueTask.FromResult<UpstreamResult<EmbeddingResult>>(DemoEmbeddings.Embed(call.Body, call.Target.UpstreamModel));

    public ValueTask<UpstreamResult<ModelListResult>> ListModelsAsync(UpstreamTarget target, UpstreamTimeouts timeouts, CancellationToken cancellationToken) =>
        ValueTask.FromResult<UpstreamResult<ModelListResult>>(new ModelListResult { Models = [new UpstreamModelInfo(ModelName, "Demo", 8192, 1024), new UpstreamModelInfo(EmbeddingModelName, "Demo embedding")] });

    private string NextId() => $"chatcmpl-demo{Interlocked.Increment(ref _sequence):D12}";
}
