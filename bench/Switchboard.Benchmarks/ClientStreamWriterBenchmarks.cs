using System.Buffers;
using BenchmarkDotNet.Attributes;
using Switchboard.Core.Pipeline;
using Switchboard.Server.Anthropic;

namespace Switchboard.Benchmarks;

/// <summary>Client-protocol stream writers side by side on one recorded typed event sequence: what the edge costs per client protocol.</summary>
/// <remarks>
/// Each run creates the writer as the gateway does per stream, replays the events (start, text deltas, finish, usage: 23 in all)
/// into a reused buffer and writes the protocol's ending with the final usage. No translation and no IO: the writer alone.
/// </remarks>
public class ClientStreamWriterBenchmarks
{
    private const int Events = 23;
    private readonly RecordedEvents _events = RecordedEvents.FromAnthropicStream;
    private readonly ArrayBufferWriter<byte> _output = new(16 * 1024);

    [GlobalSetup]
    public void CheckRecording()
    {
        if (_events.Count != Events)
        {
            throw new InvalidOperationException($"The recording holds {_events.Count} events, not {Events}.");
        }
    }

    [Benchmark(Baseline = true, Description = "OpenAI Chat writer (23 typed events)")]
    [Events(Events)]
    public int OpenAIChatWriter()
    {
        _output.ResetWrittenCount();
        using var writer = new OpenAIChatStreamWriter("chatcmpl-bench", includeUsage: true) { Output = _output };
        _events.ReplayInto(writer);
        writer.Complete(_events.FinalUsage, _events.Identity);
        return _output.WrittenCount;
    }

    [Benchmark(Description = "Anthropic Messages writer (23 typed events)")]
    [Events(Events)]
    public int MessagesWriter()
    {
        _output.ResetWrittenCount();
        using var writer = new MessagesStreamWriter("msg_bench", "claude-sonnet-4-5") { Output = _output };
        _events.ReplayInto(writer);
        writer.Complete(_events.FinalUsage, _events.Identity);
        return _output.WrittenCount;
    }
}
