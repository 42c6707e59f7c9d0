using Switchboard.Abstractions.Chat;
using Switchboard.Providers.Anthropic;
using Switchboard.Providers.Http;
using Switchboard.Testing;
using static Switchboard.Providers.Tests.Anthropic.AnthropicTestKit;

namespace Switchboard.Providers.Tests.Anthropic;

public sealed class AnthropicErrorTests : IAsyncLifetime
{
    private readonly UpstreamHttpClients _clients = new();
    private FakeUpstream _fake = null!;
    private AnthropicProvider _provider = null!;

    public async Task InitializeAsync()
    {
        _fake = await FakeUpstream.StartAsync();
        _provider = new AnthropicProvider(_clients);
    }

    public async Task DisposeAsync()
    {
        await _fake.DisposeAsync();
        _clients.Dispose();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Call_Status529_ReturnsOverloadedBeforeAnyStream(bool stream)
    {
        _fake.Handler = (ctx, _) => FakeUpstream.Json(ctx, 529, """{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},"request_id":"req_1"}""");

        var error = await CallAsync(stream);

        Assert.Equal(UpstreamErrorKind.Overloaded, error.Kind);
        Assert.Equal(529, error.UpstreamStatus);
        Assert.Equal("Overloaded", error.Message);
        Assert.Equal("overloaded_error", error.UpstreamCode);
        Assert.False(error.MayHaveProcessed);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Call_Status400_PassesAnthropicMessageThrough(bool stream)
    {
        _fake.Handler = (ctx, _) => FakeUpstream.Json(ctx, 400, """
            {"type":"error","error":{"type":"invalid_request_error","message":"messages.1.content.0.tool_use.input: Input should be a valid dictionary"},"request_id":"req_011"}
            """);

        var error = await CallAsync(stream);

        Assert.Equal(UpstreamErrorKind.InvalidRequest, error.Kind);
        Assert.Equal(400, error.UpstreamStatus);
        Assert.Equal("messages.1.content.0.tool_use.input: Input should be a valid dictionary", error.Message);
        Assert.Equal("invalid_request_error", error.UpstreamCode);
    }

    [Theory]
    [InlineData(401, "authentication_error", "invalid x-api-key", UpstreamErrorKind.Authentication)]
    [InlineData(402, "billing_error", "Payment required", UpstreamErrorKind.InsufficientQuota)]
    [InlineData(403, "permission_error", "No access", UpstreamErrorKind.PermissionDenied)]
    [InlineData(404, "not_found_error", "model: claude-nope", UpstreamErrorKind.NotFound)]
    [InlineData(413, "request_too_large", "Request exceeds the maximum size", UpstreamErrorKind.RequestTooLarge)]
    [InlineData(500, "api_error", "Internal server error", UpstreamErrorKind.ServerError)]
    [InlineData(503, "overloaded_error", "Service unavailable", UpstreamErrorKind.Overloaded)]
    [InlineData(504, "timeout_error", "Timed out", UpstreamErrorKind.Timeout)]
    [InlineData(400, "invalid_request_error", "Your credit balance is too low to access the Anthropic API.", UpstreamErrorKind.InsufficientQuota)]
    public async Task CompleteAsync_ErrorStatus_MapsKindAndKeepsMessage(int status, string type, string message, UpstreamErrorKind kind)
    {
        _fake.Handler = (ctx, _) => FakeUpstream.Json(ctx, status, $$$"""{"type":"error","error":{"type":"{{{type}}}","message":"{{{message}}}"}}""");

        var error = await CallAsync(stream: false);

        Assert.Equal(kind, error.Kind);
        Assert.Equal(status, error.UpstreamStatus);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public async Task StreamAsync_Status429WithRetryAfter_ReturnsRateLimitedWithDelay()
    {
        _fake.Handler = (ctx, _) => FakeUpstream.Json(ctx, 429, """{"type":"error","error":{"type":"rate_limit_error","message":"Number of request tokens has exceeded your per-minute rate limit"}}""",
            ("retry-after", "7"), ("anthropic-ratelimit-requests-remaining", "0"));

        var error = await CallAsync(stream: true);

        Assert.Equal(UpstreamErrorKind.RateLimited, error.Kind);
        Assert.Equal(TimeSpan.FromSeconds(7), error.RetryAfter);
        Assert.Equal("Number of request tokens has exceeded your per-minute rate limit", error.Message);
    }

    [Fact]
    public async Task CompleteAsync_SpendLimit429_ReturnsInsufficientQuota()
    {
        _fake.Handler = (ctx, _) => FakeUpstream.Json(ctx, 429, """
            {"type":"error","error":{"type":"rate_limit_error","message":"You have reached your specified API usage limits.","details":{"error_code":"enforced_spend_limit_reached"}}}
            """);

        var error = await CallAsync(stream: false);

        Assert.Equal(UpstreamErrorKind.InsufficientQuota, error.Kind);
    }

    [Fact]
    public async Task StreamAsync_ConnectionResetBeforeHeaders_ReturnsUnknownOutcome()
    {
        _fake.Handler = (ctx, _) => FakeUpstream.Reset(ctx);

        var error = await CallAsync(stream: true);

        // The fake read the whole request before it reset: Anthropic may have run it.
        Assert.Equal(UpstreamErrorKind.UnknownOutcome, error.Kind);
    }

    [Fact]
    public async Task StreamAsync_NoHeadersInTime_ReturnsTimeout()
    {
        _fake.Handler = async (ctx, _) => await Task.Delay(TimeSpan.FromSeconds(10), ctx.RequestAborted);
        var timeouts = new Abstractions.Providers.UpstreamTimeouts(TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));

        var result = await _provider.StreamAsync(SimpleCall(_fake.BaseUrl, stream: true, timeouts), CancellationToken.None);

        Assert.Equal(UpstreamErrorKind.Timeout, result.Error!.Kind);
    }

    [Fact]
    public async Task StreamAsync_JsonErrorWithStatus200_ReturnsErrorInsteadOfStream()
    {
        _fake.Handler = (ctx, _) => FakeUpstream.Json(ctx, 200, """{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}""");

        var error = await CallAsync(stream: true);

        Assert.Equal(UpstreamErrorKind.Overloaded, error.Kind);
        Assert.Equal("Overloaded", error.Message);
    }

    private async Task<UpstreamError> CallAsync(bool stream)
    {
        var call = SimpleCall(_fake.BaseUrl, stream);
        if (stream)
        {
            var result = await _provider.StreamAsync(call, CancellationToken.None);
            Assert.False(result.IsSuccess);
            return result.Error!;
        }

        var completion = await _provider.CompleteAsync(call, CancellationToken.None);
        Assert.False(completion.IsSuccess);
        return completion.Error!;
    }
}
