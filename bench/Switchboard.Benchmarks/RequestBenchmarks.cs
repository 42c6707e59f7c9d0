using System.Buffers;
using BenchmarkDotNet.Attributes;
using Switchboard.Abstractions.Providers;
using Switchboard.Core.Requests;
using Switchboard.Providers.OpenAI;

namespace Switchboard.Benchmarks;

/// <summary>The request side: validating the client's body and rewriting it for an OpenAI-compatible upstream.</summary>
public class RequestBenchmarks
{
    private readonly byte[] _body = Recorded.ChatRequest;
    private readonly ArrayBufferWriter<byte> _output = new(4096);
    private UpstreamTarget _target = null!;
    private OpenAIWireOptions _options = null!;

    [GlobalSetup]
    public void Setup()
    {
        var endpoint = new UpstreamEndpoint { PlatformName = "bench", Kind = "openai", BaseUrl = new Uri("http://127.0.0.1:5199/v1") };
        _target = new UpstreamTarget { Endpoint = endpoint, UpstreamModel = "gpt-4o-mini", ApiKey = "sk-bench" };
        _options = OpenAIWireOptions.For(endpoint);
        var (request, error) = ChatRequestParser.Parse(_body);
        if (request is null)
        {
            throw new InvalidOperationException($"The recorded request does not parse: {error?.Message}");
        }
    }

    [Benchmark(Description = "ChatRequestParser.Parse (4 messages, 749 B)")]
    public int Parse() => ChatRequestParser.Parse(_body).Request!.MessageCount;

    [Benchmark(Description = "OpenAIRequestWriter.Write (stream, usage)")]
    public int Write()
    {
        _output.ResetWrittenCount();
        OpenAIRequestWriter.Write(_output, _body, _target, _options, stream: true);
        return _output.WrittenCount;
    }
}
