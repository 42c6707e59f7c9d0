using BenchmarkDotNet.Attributes;
using Switchboard.Providers.OpenAI;

namespace Switchboard.Benchmarks;

/// <summary>The passthrough scan run on every OpenAI-compatible stream event.</summary>
public class OpenAIChunkScannerBenchmarks
{
    private readonly byte[] _content = Recorded.OpenAIContentChunk;
    private readonly byte[] _usage = Recorded.OpenAIUsageChunk;

    [Benchmark(Description = "OpenAIChunkScanner: content chunk")]
    public long ContentChunk()
    {
        OpenAIChunkScanner.TryScan(_content, captureIdentity: false, out var scan);
        return scan.TextBytes;
    }

    [Benchmark(Description = "OpenAIChunkScanner: first chunk (identity)")]
    public long FirstChunkWithIdentity()
    {
        OpenAIChunkScanner.TryScan(_content, captureIdentity: true, out var scan);
        return scan.TextBytes + (scan.Id?.Length ?? 0);
    }

    [Benchmark(Description = "OpenAIChunkScanner: usage chunk")]
    public long UsageChunk()
    {
        OpenAIChunkScanner.TryScan(_usage, captureIdentity: false, out var scan);
        return scan.Usage?.TotalTokens ?? 0;
    }
}
