using System.Buffers;
using System.Text;
using Switchboard.Abstractions.Chat;
using Switchboard.Abstractions.Providers;
using Switchboard.Providers.Tests.Http;
using Switchboard.Providers.Tests.OpenAI;
using Switchboard.Testing;

namespace Switchboard.Providers.Tests.Sse;

/// <summary>A stream line or event over the cap fails the stream as too large, whether or not it ever ends, without the client buffering it.</summary>
public sealed class UpstreamEventSourceTests : IAsyncLifetime
{
    private const int Cap = 64 * 1024;
    private const string Chunk = "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"},\"finish_reason\":null}]}\n\n";
    private CountedUpstream _upstream = null!;

    public async Task InitializeAsync() => _upstream = await CountedUpstream.StartAsync();

    public async Task DisposeAsync() => await _upstream.DisposeAsync();

    [Fact]
    public async Task ReadAsync_FirstLineNeverEnds_FailsTooLargeOnceItPassesTheCap()
    {
        // 60 MB of one "data:" line with no line end: only the cap can stop the read.
        _upstream.Fake.Handler = (ctx, _) => _upstream.Bulk.WriteAsync(ctx, 60L * 1000 * 1000, contentLength: false, contentType: "text/event-stream", filler: (byte)'a');

        await using var stream = await OpenAsync();
        var step = await stream.ReadAsync(TestSinks.OpenAI(new ArrayBufferWriter<byte>()), default);

        Assert.Equal(StreamStep.Failed, step);
        Assert.Equal(UpstreamErrorKind.ResponseTooLarge, stream.Error!.Kind);
        Assert.Contains($"larger than {Cap} bytes", stream.Error.Message, StringComparison.Ordinal);
        Assert.False(stream.Error.MayHaveProcessed);
        // On top of the cap, the handler drains up to its MaxResponseDrainSize (1 MiB) into a scratch buffer to keep the connection.
        Assert.True(_upstream.Connector.BytesRead < Cap + (2 * 1024 * 1024), $"the client read {_upstream.Connector.BytesRead} bytes for a cap of {Cap}");
    }

    [Fact]
    public async Task ReadAsync_OversizeEventAfterGoodOnes_FailsTooLargeAfterTheGoodData()
    {
        _upstream.Fake.Handler = (ctx, _) => FakeUpstream.Sse(ctx, [Chunk, "data: " + new string('b', 2 * Cap) + "\n\n", "data: [DONE]\n\n"]);

        await using var stream = await OpenAsync();
        var output = new ArrayBufferWriter<byte>();
        var sink = TestSinks.OpenAI(output);
        var first = await stream.ReadAsync(sink, default);
        var second = await stream.ReadAsync(sink, default);

        Assert.Equal(StreamStep.Data, first);
        Assert.Contains("\"hi\"", Encoding.UTF8.GetString(output.WrittenSpan), StringComparison.Ordinal);
        Assert.Equal(StreamStep.Failed, second);
        Assert.Equal(UpstreamErrorKind.ResponseTooLarge, stream.Error!.Kind);
    }

    [Fact]
    public async Task ReadAsync_EventJustUnderTheCap_PassesThrough()
    {
        var content = new string('c', Cap - 300);
        _upstream.Fake.Handler = (ctx, _) => FakeUpstream.Sse(ctx, [Chunk.Replace("\"hi\"", "\"" + content + "\"", StringComparison.Ordinal), "data: [DONE]\n\n"]);

        await using var stream = await OpenAsync();
        var (data, last) = await OpenAITestKit.DrainAsync(stream);

        Assert.Equal(StreamStep.Completed, last);
        Assert.Contains(content, Assert.Single(data), StringComparison.Ordinal);
    }

    private async Task<IChatStream> OpenAsync()
    {
        var call = OpenAITestKit.Call("""{"model":"m","stream":true,"messages":[{"role":"user","content":"hi"}]}""", OpenAITestKit.Endpoint(_upstream.Fake.BaseUrl))
            with { Limits = new UpstreamLimits(16 * 1024 * 1024, Cap) };
        var result = await _upstream.Provider.StreamAsync(call, default);
        Assert.True(result.IsSuccess, result.Error?.Message);
        return result.Value!;
    }
}
