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

    private const int EmbeddingDimensions = 16;
    private long _sequence;

    public string Name => ProviderKinds.Demo;

    public bool RequiresApiKey => false;

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

    public ValueTask<UpstreamResult<EmbeddingResult>> EmbedAsync(EmbeddingCall call, CancellationToken cancellationToken)
    {
        using var doc = JsonDocument.Parse(call.Body.ToArray());
        var inputs = new List<string>();
        var input = doc.RootElement.GetProperty("input");
        if (input.ValueKind == JsonValueKind.Array)
        {
            inputs.AddRange(input.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() ?? "" : e.GetRawText()));
        }
        else
        {
            inputs.Add(input.ValueKind == JsonValueKind.String ? input.GetString() ?? "" : input.GetRawText());
        }

        var tokens = inputs.Sum(i => Math.Max(1, (i.Length + 3) / 4));
        var output = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(output))
        {
            writer.WriteStartObject();
            writer.WriteString("object", "list");
            writer.WriteStartArray("data");
            for (var i = 0; i < inputs.Count; i++)
            {
                writer.WriteStartObject();
                writer.WriteString("object", "embedding");
                writer.WriteNumber("index", i);
                writer.WriteStartArray("embedding");
                foreach (var value in Vector(inputs[i]))
                {
                    writer.WriteNumberValue(value);
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteString("model", call.Target.UpstreamModel);
            writer.WriteStartObject("usage");
            writer.WriteNumber("prompt_tokens", tokens);
            writer.WriteNumber("total_tokens", tokens);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return ValueTask.FromResult<UpstreamResult<EmbeddingResult>>(new EmbeddingResult
        {
            Json = output.WrittenSpan.ToArray(),
            Usage = new TokenUsage(tokens, 0),
            UsageSource = UsageSource.Reported,
        });
    }

    public ValueTask<UpstreamResult<ModelListResult>> ListModelsAsync(UpstreamTarget target, UpstreamTimeouts timeouts, CancellationToken cancellationToken) =>
        ValueTask.FromResult<UpstreamResult<ModelListResult>>(new ModelListResult { Models = [new UpstreamModelInfo(ModelName, "Demo", 8192, 1024), new UpstreamModelInfo(EmbeddingModelName, "Demo embedding")] });

    private string NextId() => $"chatcmpl-demo{Interlocked.Increment(ref _sequence):D12}";

    /// <summary>Derives a unit-length vector from the text's hash: same text, same vector.</summary>
    private static float[] Vector(string text)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text));
        var vector = new float[EmbeddingDimensions];
        double norm = 0;
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] = (hash[i] - 127.5f) / 127.5f;
            norm += vector[i] * vector[i];
        }

        var scale = (float)(1 / Math.Sqrt(norm));
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] *= scale;
        }

        return vector;
    }
}
