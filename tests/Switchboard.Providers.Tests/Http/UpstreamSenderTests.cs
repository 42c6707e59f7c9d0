using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using Switchboard.Abstractions.Chat;
using Switchboard.Abstractions.Providers;
using Switchboard.Providers.Http;
using Switchboard.Providers.OpenAI;
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
    private readonly ReadCountingConnector _connector = new();
    private readonly BulkAnswer _bulk = new();
    private FakeUpstream _fake = null!;
    private UpstreamHttpClients _clients = null!;
    private OpenAIProvider _provider = null!;

    public async Task InitializeAsync()
    {
        _fake = await FakeUpstream.StartAsync();
        _clients = new UpstreamHttpClients(_connector.CreateHandler);
        _provider = new OpenAIProvider(_clients);
    }

    public async Task DisposeAsync()
    {
        _clients.Dispose();
        await _fake.DisposeAsync();
    }

    [Fact]
    public async Task CompleteAsync_ContentLengthOverTheCap_IsRefusedFromTheHeaderWithoutReadingTheBody()
    {
        _fake.Handler = (ctx, _) => _bulk.WriteAsync(ctx, SixtyMegabytes, contentLength: true);

        var result = await _provider.CompleteAsync(ChatCall(), default);

        var error = result.Error!;
        Assert.Equal(UpstreamErrorKind.ResponseTooLarge, error.Kind);
        Assert.Contains($"larger than {UpstreamLimits.Default.MaxResponseBytes} bytes", error.Message, StringComparison.Ordinal);
        Assert.True(error.MayHaveProcessed);
        Assert.False(error.IsRetryable);
        Assert.Single(_fake.Requests);

        // The client took the headers and at most what arrived with them: nowhere near the 16 MiB cap.
        Assert.True(_connector.BytesRead < 1024 * 1024, $"the client read {_connector.BytesRead} bytes");
    }

    [Fact]
    public async Task CompleteAsync_ChunkedBodyOverTheCap_StopsReadingJustPastTheCap()
    {
        _fake.Handler = (ctx, _) => _bulk.WriteAsync(ctx, SixtyMegabytes, contentLength: false);

        var result = await _provider.CompleteAsync(ChatCall(limits: new UpstreamLimits(SmallCap, SmallCap)), default);

        Assert.Equal(UpstreamErrorKind.ResponseTooLarge, result.Error!.Kind);
        Assert.False(result.Error.IsRetryable);
        // On top of the cap, the handler drains up to its MaxResponseDrainSize (1 MiB) into a scratch buffer to keep the connection.
        Assert.True(_connector.BytesRead < SmallCap + (2 * 1024 * 1024), $"the client read {_connector.BytesRead} bytes for a cap of {SmallCap}");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task CompleteAsync_BodyExactlyAtTheCap_IsRead(bool contentLength)
    {
        var completion = Completion("at the cap");
        _fake.Handler = (ctx, _) => _bulk.WriteAsync(ctx, SmallCap - Encoding.UTF8.GetByteCount(completion), contentLength, completion);

        var result = await _provider.CompleteAsync(ChatCall(limits: new UpstreamLimits(SmallCap, SmallCap)), default);

        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Contains("at the cap", Encoding.UTF8.GetString(result.Value!.Json.Span), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task CompleteAsync_BodyOneByteOverTheCap_IsTooLarge(bool contentLength)
    {
        var completion = Completion("over the cap");
        _fake.Handler = (ctx, _) => _bulk.WriteAsync(ctx, SmallCap + 1 - Encoding.UTF8.GetByteCount(completion), contentLength, completion);

        var result = await _provider.CompleteAsync(ChatCall(limits: new UpstreamLimits(SmallCap, SmallCap)), default);

        Assert.Equal(UpstreamErrorKind.ResponseTooLarge, result.Error!.Kind);
    }

    [Fact]
    public async Task CompleteAsync_SmallGzipBodyOverTheCapOnceDecoded_IsTooLarge()
    {
        var compressed = Gzip(new string(' ', 4 * SmallCap) + Completion("bomb"));
        _fake.Handler = async (ctx, _) =>
        {
            ctx.Response.ContentType = "application/json";
            ctx.Response.Headers.ContentEncoding = "gzip";
            ctx.Response.ContentLength = compressed.Length;
            await ctx.Response.Body.WriteAsync(compressed);
        };

        var result = await _provider.CompleteAsync(ChatCall(limits: new UpstreamLimits(SmallCap, SmallCap)), default);

        Assert.True(compressed.Length < SmallCap / 10);
        Assert.Equal(UpstreamErrorKind.ResponseTooLarge, result.Error!.Kind);
    }

    [Fact]
    public async Task CompleteAsync_BodyTricklesAfterItsHeaders_TimesOutAsAWholeAndIsNotRetried()
    {
        // One byte every 100 ms for a minute: a per-read idle clock of 1 s would never fire.
        _fake.Handler = (ctx, _) => _bulk.TrickleAsync(ctx, 600, TimeSpan.FromMilliseconds(100));
        var started = Stopwatch.StartNew();

        var result = await _provider.CompleteAsync(ChatCall(timeouts: new UpstreamTimeouts(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10))), default);

        var error = result.Error!;
        Assert.Equal(UpstreamErrorKind.Timeout, error.Kind);
        Assert.Contains("within 1 s of its headers", error.Message, StringComparison.Ordinal);
        Assert.True(error.MayHaveProcessed);
        Assert.False(error.IsRetryable);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(30), $"the trickle held the call {started.Elapsed}");
    }

    [Fact]
    public async Task EmbedAsync_BodyTrickles_TimesOutAndMayFailOver()
    {
        _fake.Handler = (ctx, _) => _bulk.TrickleAsync(ctx, 600, TimeSpan.FromMilliseconds(100));

        var result = await _provider.EmbedAsync(EmbeddingCall(timeouts: new UpstreamTimeouts(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10))), default);

        Assert.Equal(UpstreamErrorKind.Timeout, result.Error!.Kind);
        Assert.False(result.Error.MayHaveProcessed);
        Assert.True(result.Error.IsRetryable);
    }

    [Fact]
    public async Task EmbedAsync_ChunkedBodyOverTheCap_IsTooLargeAndMayFailOver()
    {
        _fake.Handler = (ctx, _) => _bulk.WriteAsync(ctx, 4 * SmallCap, contentLength: false);

        var result = await _provider.EmbedAsync(EmbeddingCall(limits: new UpstreamLimits(SmallCap, SmallCap)), default);

        Assert.Equal(UpstreamErrorKind.ResponseTooLarge, result.Error!.Kind);
        Assert.True(result.Error.IsRetryable);
    }

    [Fact]
    public async Task CompleteAsync_ErrorStatusWithAHugeBody_ReadsOnlyItsBeginning()
    {
        _fake.Handler = (ctx, _) => _bulk.WriteAsync(ctx, SixtyMegabytes, contentLength: true, filler: (byte)'x', status: 500);

        var result = await _provider.CompleteAsync(ChatCall(), default);

        Assert.Equal(UpstreamErrorKind.ServerError, result.Error!.Kind);
        Assert.True(_connector.BytesRead < 1024 * 1024, $"the client read {_connector.BytesRead} bytes");
    }

    private UpstreamChatCall ChatCall(UpstreamLimits? limits = null, UpstreamTimeouts? timeouts = null) =>
        OpenAITestKit.Call(Chat, OpenAITestKit.Endpoint(_fake.BaseUrl), timeouts: timeouts) with { Limits = limits ?? UpstreamLimits.Default };

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
