using Switchboard.Abstractions.Chat;
using Switchboard.Abstractions.Providers;
using Switchboard.Testing;
using static Switchboard.Providers.Tests.Gemini.GeminiTestKit;

namespace Switchboard.Providers.Tests.Gemini;

public sealed class GeminiErrorTests : IAsyncLifetime
{
    private const string Hello = """{"messages":[{"role":"user","content":"hi"}]}""";
    private FakeUpstream _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeUpstream.StartAsync();

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    [Fact]
    public async Task CompleteAsync_429WithRetryInfo_SetsRetryAfterFromRetryDelay()
    {
        _fake.Handler = (ctx, _) => FakeUpstream.Json(ctx, 429, """
        {
          "error": {
            "code": 429,
            "message": "You exceeded your current quota, please check your plan and billing details.",
            "status": "RESOURCE_EXHAUSTED",
            "details": [
              {"@type": "type.googleapis.com/google.rpc.QuotaFailure",
               "violations": [{"quotaMetric": "generativelanguage.googleapis.com/generate_content_free_tier_requests", "quotaId": "GenerateRequestsPerMinutePerProjectPerModel-FreeTier"}]},
              {"@type": "type.googleapis.com/google.rpc.Help", "links": [{"description": "Learn more", "url": "https://ai.google.dev/gemini-api/docs/rate-limits"}]},
              {"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "31s"}
            ]
          }
        }
        """);

        var result = await Provider().CompleteAsync(Call(_fake, Hello), CancellationToken.None);

        Assert.False(result.IsSuccess);
        var error = result.Error!;
        Assert.Equal(UpstreamErrorKind.RateLimited, error.Kind);
        Assert.Equal(TimeSpan.FromSeconds(31), error.RetryAfter);
        Assert.Equal(429, error.UpstreamStatus);
        Assert.Equal("RESOURCE_EXHAUSTED", error.UpstreamCode);
        Assert.StartsWith("You exceeded your current quota", error.Message, StringComparison.Ordinal);
        Assert.False(error.MayHaveProcessed);
        Assert.False(error.AccountWide);
    }

    [Theory]
    [InlineData("""{"quotaId":"GenerateRequestsPerDayPerProject-FreeTier"}""", true)]
    [InlineData("""{"quotaId":"GenerateContentInputTokensPerMinute","quotaDimensions":{"location":"global","model":"gemini-2.0-flash"}}""", false)]
    [InlineData("""{"quotaId":"GenerateRequestsPerDayPerProject-FreeTier"},{"quotaId":"GenerateRequestsPerMinutePerProjectPerModel-FreeTier"}""", false)]
    public async Task CompleteAsync_429QuotaFailure_IsAccountWideOnlyWhenNoViolationIsPerModel(string violations, bool accountWide)
    {
        _fake.Handler = (ctx, _) => FakeUpstream.Json(ctx, 429,
            $$$"""{"error":{"code":429,"message":"quota","status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[{{{violations}}}]}]}}""");

        var result = await Provider().CompleteAsync(Call(_fake, Hello), CancellationToken.None);

        Assert.Equal(UpstreamErrorKind.RateLimited, result.Error!.Kind);
        Assert.Equal(accountWide, result.Error.AccountWide);
    }

    [Theory]
    [InlineData("SERVICE_DISABLED", true)]
    [InlineData("API_KEY_SERVICE_BLOCKED", true)]
    [InlineData("SOMETHING_ELSE", false)]
    public async Task CompleteAsync_403ErrorInfo_IsAccountWideWhenTheKeyOrProjectIsBlocked(string reason, bool accountWide)
    {
        _fake.Handler = (ctx, _) => FakeUpstream.Json(ctx, 403,
            $$$"""{"error":{"code":403,"message":"denied","status":"PERMISSION_DENIED","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"{{{reason}}}","domain":"googleapis.com"}]}}""");

        var result = await Provider().CompleteAsync(Call(_fake, Hello), CancellationToken.None);

        Assert.Equal(UpstreamErrorKind.PermissionDenied, result.Error!.Kind);
        Assert.Equal(accountWide, result.Error.AccountWide);
    }

    [Fact]
    public async Task CompleteAsync_429WithRetryAfterHeader_PrefersHeader()
    {
        _fake.Handler = (ctx, _) => FakeUpstream.Json(ctx, 429,
            """{"error":{"code":429,"message":"slow down","status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"31s"}]}}""",
            ("Retry-After", "5"));

        var result = await Provider().CompleteAsync(Call(_fake, Hello), CancellationToken.None);

        Assert.Equal(TimeSpan.FromSeconds(5), result.Error!.RetryAfter);
    }

    [Fact]
    public async Task CompleteAsync_400_PassesGoogleMessageThrough()
    {
        _fake.Handler = (ctx, _) => FakeUpstream.Json(ctx, 400, """
        {"error":{"code":400,"message":"* GenerateContentRequest.contents: contents is not specified\n","status":"INVALID_ARGUMENT"}}
        """);

        var result = await Provider().CompleteAsync(Call(_fake, Hello), CancellationToken.None);

        Assert.Equal(UpstreamErrorKind.InvalidRequest, result.Error!.Kind);
        Assert.Equal("* GenerateContentRequest.contents: contents is not specified\n", result.Error.Message);
        Assert.Equal("INVALID_ARGUMENT", result.Error.UpstreamCode);
        Assert.Equal(400, result.Error.UpstreamStatus);
        Assert.Null(result.Error.RetryAfter);
    }

    [Fact]
    public async Task CompleteAsync_400ApiKeyInvalid_IsAnAuthenticationFailure()
    {
        _fake.Handler = (ctx, _) => FakeUpstream.Json(ctx, 400, """
        {"error":{"code":400,"message":"API key not valid. Please pass a valid API key.","status":"INVALID_ARGUMENT",
          "details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_INVALID","domain":"googleapis.com","metadata":{"service":"generativelanguage.googleapis.com"}}]}}
        """);

        var result = await Provider().CompleteAsync(Call(_fake, Hello), CancellationToken.None);

        Assert.Equal(UpstreamErrorKind.Authentication, result.Error!.Kind);
        Assert.DoesNotContain(Key, result.Error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(401, "UNAUTHENTICATED", UpstreamErrorKind.Authentication)]
    [InlineData(403, "PERMISSION_DENIED", UpstreamErrorKind.PermissionDenied)]
    [InlineData(404, "NOT_FOUND", UpstreamErrorKind.NotFound)]
    [InlineData(500, "INTERNAL", UpstreamErrorKind.ServerError)]
    [InlineData(503, "UNAVAILABLE", UpstreamErrorKind.Overloaded)]
    [InlineData(504, "DEADLINE_EXCEEDED", UpstreamErrorKind.Timeout)]
    public async Task CompleteAsync_HttpStatus_MapsToKind(int status, string googleStatus, UpstreamErrorKind expected)
    {
        _fake.Handler = (ctx, _) => FakeUpstream.Json(ctx, status, $$$"""{"error":{"code":{{{status}}},"message":"m{{{status}}}","status":"{{{googleStatus}}}"}}""");

        var result = await Provider().CompleteAsync(Call(_fake, Hello), CancellationToken.None);

        Assert.Equal(expected, result.Error!.Kind);
        Assert.Equal($"m{status}", result.Error.Message);
        Assert.Equal(googleStatus, result.Error.UpstreamCode);
    }

    [Fact]
    public async Task CompleteAsync_ConnectionResetAfterTheRequestWasSent_ReturnsUnknownOutcomeNotRetried()
    {
        _fake.Handler = (ctx, _) => FakeUpstream.Reset(ctx);

        var result = await Provider().CompleteAsync(Call(_fake, Hello), CancellationToken.None);

        // The fake read the whole request before it reset: Gemini may have run it.
        Assert.Equal(UpstreamErrorKind.UnknownOutcome, result.Error!.Kind);
    }

    [Fact]
    public async Task CompleteAsync_NoHeadersInTime_ReturnsTimeout()
    {
        _fake.Handler = async (ctx, _) => await Task.Delay(TimeSpan.FromSeconds(5), ctx.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        var timeouts = new UpstreamTimeouts(TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30));

        var result = await Provider().CompleteAsync(Call(_fake, Hello, timeouts: timeouts), CancellationToken.None);

        Assert.Equal(UpstreamErrorKind.Timeout, result.Error!.Kind);
    }
}
