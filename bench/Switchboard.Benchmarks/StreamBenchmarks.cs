using Switchboard.Core.Pipeline;
using System.Buffers;
using BenchmarkDotNet.Attributes;
using Switchboard.Abstractions.Chat;
using Switchboard.Abstractions.Providers;
using Switchboard.Providers.Anthropic;
using Switchboard.Providers.Gemini;
using Switchboard.Providers.OpenAI;

namespace Switchboard.Benchmarks;

/// <summary>Whole recorded streams through each provider's <see cref="IChatStream"/>, as the gateway drives them.</summary>
/// <remarks>
/// Each run opens the stream over an <see cref="HttpResponseMessage"/> whose content is a <see cref="StreamContent"/> over
/// the recorded bytes, reads it to the end into a reused buffer, and disposes it: SSE parsing, scanning or translation,
/// the idle-timeout re-arm per read, and the chunk writing are all included; the network is not.
/// </remarks>
public class StreamBenchmarks
{
    private static readonly UpstreamChatCall OpenAICall = Call("gpt-4o-mini");
    private static readonly UpstreamChatCall AnthropicCall = Call("claude-sonnet-4-5");
    private static readonly UpstreamChatCall GeminiCall = Call("gemini-2.5-flash");
    private readonly ArrayBufferWriter<byte> _output = new(16 * 1024);
    private OpenAIChatStreamWriter? _sink;

    [Benchmark(Description = "OpenAI passthrough stream (24 events + DONE)")]
    [Events(Recorded.OpenAIStreamEvents)]
    public async Task<int> OpenAIPassthrough()
    {
        await using var stream = await OpenAIChatStream.OpenAsync(Response(Recorded.OpenAIStream), OpenAICall, null, CancellationToken.None);
        return await DrainAsync(stream);
    }

    [Benchmark(Description = "Anthropic stream -> OpenAI chunks (27 events)")]
    [Events(Recorded.AnthropicStreamEvents)]
    public async Task<int> AnthropicChatStream()
    {
        await using var stream = await Providers.Anthropic.AnthropicChatStream.OpenAsync(
            Response(Recorded.AnthropicStream), AnthropicCall, null, CancellationToken.None);
        return await DrainAsync(stream);
    }

    [Benchmark(Description = "Anthropic translator only, no IO (27 events)")]
    [Events(Recorded.AnthropicStreamEvents)]
    public int AnthropicTranslatorOnly()
    {
        _output.ResetWrittenCount();
        var translator = new AnthropicStreamTranslator("bench", "claude-sonnet-4-5", 1_732_200_000);
        foreach (var (name, data) in Recorded.AnthropicEventList)
        {
            translator.Translate(name, data, Sink());
        }

        return _output.WrittenCount;
    }

    [Benchmark(Description = "Gemini stream -> OpenAI chunks (21 events)")]
    [Events(Recorded.GeminiStreamEvents)]
    public async Task<int> GeminiChatStream()
    {
        await using var stream = await Providers.Gemini.GeminiChatStream.OpenAsync(
            Response(Recorded.GeminiStream), GeminiCall, 1_732_200_000, null, CancellationToken.None);
        return await DrainAsync(stream);
    }

    /// <summary>Builds the call a stream is opened for: the default 60 s idle clock and 4 MiB event cap.</summary>
    private static UpstreamChatCall Call(string upstreamModel) => new()
    {
        Request = new ChatCompletionRequest { Body = "{}"u8.ToArray(), Model = upstreamModel, Stream = true },
        Target = new UpstreamTarget
        {
            Endpoint = new UpstreamEndpoint { PlatformName = "bench", Kind = "openai", BaseUrl = new Uri("http://bench.invalid") },
            UpstreamModel = upstreamModel,
        },
    };

    private static HttpResponseMessage Response(byte[] sse) => new(System.Net.HttpStatusCode.OK)
    {
        Content = new StreamContent(new MemoryStream(sse, writable: false)),
    };

    private async Task<int> DrainAsync(IChatStream stream)
    {
        _output.ResetWrittenCount();
        StreamStep step;
        do
        {
            step = await stream.ReadAsync(Sink(), CancellationToken.None);
        }
        while (step == StreamStep.Data);

        if (step != StreamStep.Completed)
        {
            throw new InvalidOperationException($"The recorded stream ended with {step}: {stream.Error?.Message}");
        }

        return _output.WrittenCount;
    }

    /// <summary>Returns the OpenAI Chat writer over the shared output, as the gateway writes for an OpenAI client.</summary>
    private OpenAIChatStreamWriter Sink() => _sink ??= new OpenAIChatStreamWriter("chatcmpl-bench", includeUsage: false) { Output = _output };
}
