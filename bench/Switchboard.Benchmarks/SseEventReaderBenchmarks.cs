using System.IO.Pipelines;
using BenchmarkDotNet.Attributes;
using Switchboard.Abstractions.Providers;
using Switchboard.Providers.Sse;

namespace Switchboard.Benchmarks;

/// <summary>Parses the recorded 24-event OpenAI stream (plus [DONE]) from a <see cref="PipeReader"/> over a <see cref="MemoryStream"/>.</summary>
/// <remarks>Includes creating the pipe and the reader, as each upstream stream does; the events are read, not copied anywhere.</remarks>
public class SseEventReaderBenchmarks
{
    private readonly byte[] _stream = Recorded.OpenAIStream;

    [Benchmark(Description = "SseEventReader: 25-event OpenAI stream")]
    [Events(Recorded.OpenAIStreamEvents)]
    public async Task<int> ReadOpenAIStream()
    {
        using var body = new MemoryStream(_stream, writable: false);
        var pipe = PipeReader.Create(body, new StreamPipeReaderOptions(bufferSize: 8192, leaveOpen: true));
        using var reader = new SseEventReader(pipe, UpstreamLimits.Default.MaxEventBytes);
        var bytes = 0;
        while (await reader.ReadAsync(CancellationToken.None))
        {
            bytes += reader.Data.Length;
        }

        await pipe.CompleteAsync();
        return bytes;
    }

    [Benchmark(Description = "SseEventReader: 25-event stream in 64-byte reads")]
    [Events(Recorded.OpenAIStreamEvents)]
    public async Task<int> ReadOpenAIStreamFragmented()
    {
        // Network reads rarely align with events: feed the same bytes 64 at a time so events span segments.
        using var body = new TrickleStream(_stream, 64);
        var pipe = PipeReader.Create(body, new StreamPipeReaderOptions(bufferSize: 8192, leaveOpen: true));
        using var reader = new SseEventReader(pipe, UpstreamLimits.Default.MaxEventBytes);
        var bytes = 0;
        while (await reader.ReadAsync(CancellationToken.None))
        {
            bytes += reader.Data.Length;
        }

        await pipe.CompleteAsync();
        return bytes;
    }
}

/// <summary>A read-only stream that returns at most <c>chunk</c> bytes per read.</summary>
internal sealed class TrickleStream(byte[] data, int chunk) : Stream
{
    private int _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => data.Length;

    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = Math.Min(Math.Min(chunk, buffer.Length), data.Length - _position);
        data.AsSpan(_position, n).CopyTo(buffer);
        _position += n;
        return n;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => new(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromResult(Read(buffer, offset, count));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
