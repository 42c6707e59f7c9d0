using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using Switchboard.Abstractions.Chat;
using Switchboard.Abstractions.Providers;
using Switchboard.Providers.Tests.OpenAI;
using Switchboard.Testing;

namespace Switchboard.Providers.Tests.Http;

/// <summary>
/// Non-streamed answers are read under a size cap and a whole-body deadline, through the OpenAI provider over loopback:
/// a Content-Length over the cap is refused unread, a chunked body stops just past the cap, a compressed body counts
/// its decoded bytes, and a body that trickles ends once the deadline passed since its headers.
/// </summary>
public sealed class UpstreamSenderTests : IAsyncLifetime
{
    private const string Chat = """{"model":"m","messages":[{"role":"user","content":"hi"}]}""";
    private const string Embeddings = """{"model":"e","input":"hi"}""";
    private const long SixtyMegabytes = 60L * 1000 * 1000;
    private const int SmallCap = 256 * 1024;
    private CountedUpstream _upstream = null!;

    public async Task InitializeAsync() => _upstream = await CountedUpstream.StartAsync();

    public async Task DisposeAsync() => await _upstream.DisposeAsync();

    [Fact]
    public async Task CompleteAsync_ContentLengthOverTheCap_IsRefusedFromTheHeaderWithoutReadingTheBody()
    {
        _upstream.Fake.Handler = (ctx, _) => _upstream.Bulk.WriteAsync(ctx, SixtyMegabytes, contentLength: true);

        var result = await _upstream.Provider.CompleteAsync(ChatCall(), default);

        var error = result.Error!;
        Assert.Equal(UpstreamErrorKind.ResponseTooLarge, error.Kind);
        Assert.Contains($"larger than {UpstreamLimits.Default.MaxResponseBytes} bytes", error.Message, StringComparison.Ordinal);
        Assert.True(error.MayHaveProcessed);
        Assert.Single(_upstream.Fake.Requests);

        // The client took the headers and at most what arrived with them: nowhere near the 16 MiB cap.
        Assert.True(_upstream.Connector.BytesRead < 1024 * 1024, $"the client read {_upstream.Connector.BytesRead} bytes");
    }

    [Fact]
    public async Task CompleteAsync_ChunkedBodyOverTheCap_StopsReadingJustPastTheCap()
    {
        _upstream.Fake.Handler = (ctx, _) => _upstream.Bulk.WriteAsync(ctx, SixtyMegabytes, contentLength: false);

        var result = await _upstream.Provider.CompleteAsync(ChatCall(limits: new UpstreamLimits(SmallCap, SmallCap)), default);

        Assert.Equal(UpstreamErrorKind.ResponseTooLarge, result.Error!.Kind);
        Assert.True(result.Error.MayHaveProcessed);
        // On top of the cap, the handler drains up to its MaxResponseDrainSize (1 MiB) into a scratch buffer to keep the connection.
        Assert.True(_upstream.Connector.BytesRead < SmallCap + (2 * 1024 * 1024), $"the client read {_upstream.Connector.BytesRead} bytes for a cap of {SmallCap}");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task CompleteAsync_BodyExactlyAtTheCap_IsRead(bool contentLength)
    {
        var completion = Completion("at the cap");
        _upstream.Fake.Handler = (ctx, _) => _upstream.Bulk.WriteAsync(ctx, SmallCap - Encoding.UTF8.GetByteCount(completion), contentLength, completion);

        var result = await _upstream.Provider.CompleteAsync(ChatCall(limits: new UpstreamLimits(SmallCap, SmallCap)), default);

        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Contains("at the cap", Encoding.UTF8.GetString(result.Value!.Json.Span), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task CompleteAsync_BodyOneByteOverTheCap_IsTooLarge(bool contentLength)
    {
        var completion = Completion("over the cap");
        _upstream.Fake.Handler = (ctx, _) => _upstream.Bulk.WriteAsync(ctx, SmallCap + 1 - Encoding.UTF8.GetByteCount(completion), contentLength, completion);

        var result = await _upstream.Provider.CompleteAsync(ChatCall(limits: new UpstreamLimits(SmallCap, SmallCap)), default);

        Assert.Equal(UpstreamErrorKind.ResponseTooLarge, result.Error!.Kind);
    }

    [Fact]
    public async Task CompleteAsync_SmallGzipBodyOverTheCapOnceDecoded_IsTooLarge()
    {
        var compressed = Gzip(new string(' ', 4 * SmallCap) + Completion("bomb"));
        _upstream.Fake.Handler = async (ctx, _) =>
        {
            ctx.Response.ContentType = "application/json";
            ctx.Response.Headers.ContentEncoding = "gzip";
            ctx.Response.ContentLength = compressed.Length;
            await ctx.Response.Body.WriteAsync(compressed);
        };

        var result = await _upstream.Provider.CompleteAsync(ChatCall(limits: new UpstreamLimits(SmallCap, SmallCap)), default);

        Assert.True(compressed.Length < SmallCap / 10);
        Assert.Equal(UpstreamErrorKind.ResponseTooLarge, result.Error!.Kind);
    }

    [Fact]
    public async Task CompleteAsync_BodyTricklesAfterItsHeaders_TimesOutAsAWholeAndIsNotRetried()
    {
        // One byte every 100 ms for a minute: a per-read idle clock of 1 s would never fire.
        _upstream.Fake.Handler = (ctx, _) => _upstream.Bulk.TrickleAsync(ctx, 600, TimeSpan.FromMilliseconds(100));
        var started = Stopwatch.StartNew();

        var result = await _upstream.Provider.CompleteAsync(ChatCall(timeouts: new UpstreamTimeouts(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10))), default);

        var error = result.Error!;
        Assert.Equal(UpstreamErrorKind.Timeout, error.Kind);
        Assert.Contains("within 1 s of its headers", error.Message, StringComparison.Ordinal);
        Assert.True(error.MayHaveProcessed);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(30), $"the trickle held the call {started.Elapsed}");
    }

    [Fact]
    public async Task EmbedAsync_BodyTrickles_TimesOutAndMayFailOver()
    {
        _upstream.Fake.Handler = (ctx, _) => _upstream.Bulk.TrickleAsync(ctx, 600, TimeSpan.FromMilliseconds(100));

        var result = await _upstream.Provider.EmbedAsync(EmbeddingCall(timeouts: new UpstreamTimeouts(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10))), default);

        Assert.Equal(UpstreamErrorKind.Timeout, result.Error!.Kind);
        Assert.False(result.Error.MayHaveProcessed);
    }

    [Fact]
    public async Task EmbedAsync_ChunkedBodyOverTheCap_IsTooLargeAndMayFailOver()
    {
        _upstream.Fake.Handler = (ctx, _) => _upstream.Bulk.WriteAsync(ctx, 4 * SmallCap, contentLength: false);

        var result = await _upstream.Provider.EmbedAsync(EmbeddingCall(limits: new UpstreamLimits(SmallCap, SmallCap)), default);

        Assert.Equal(UpstreamErrorKind.ResponseTooLarge, result.Error!.Kind);
        Assert.False(result.Error.MayHaveProcessed);
    }

    [Fact]
    public async Task CompleteAsync_ErrorStatusWithAHugeBody_ReadsOnlyItsBeginning()
    {
        _upstream.Fake.Handler = (ctx, _) => _upstream.Bulk.WriteAsync(ctx, SixtyMegabytes, contentLength: true, filler: (byte)'x', status: 500);

        var result = await _upstream.Provider.CompleteAsync(ChatCall(), default);

        Assert.Equal(UpstreamErrorKind.ServerError, result.Error!.Kind);
        Assert.True(_upstream.Connector.BytesRead < 1024 * 1024, $"the client read {_upstream.Connector.BytesRead} bytes");
    }

    private UpstreamChatCall ChatCall(UpstreamLimits? limits = null, UpstreamTimeouts? timeouts = null) =>
        OpenAITestKit.Call(Chat, OpenAITestKit.Endpoint(_upstream.Fake.BaseUrl), timeouts: timeouts) with { Limits = limits ?? UpstreamLimits.Default };

    private EmbeddingCall EmbeddingCall(UpstreamLimits? limits = null, UpstreamTimeouts? timeouts = null)
    {
        var chat = ChatCall(limits, timeouts);
        return new EmbeddingCall { Body = Encoding.UTF8.GetBytes(Embeddings), Target = chat.Target, Timeouts = chat.Timeouts, Limits = chat.Limits };
    }

    private static string Completion(string text) =>
        "{\"id\":\"c\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + text + "\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,\"total_tokens\":2}}";

    private static byte[] Gzip(string text)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return output.ToArray();
    }
}
