using Switchboard.Abstractions.Chat;
using Switchboard.Abstractions.Providers;
using Switchboard.Providers.Anthropic;
using Switchboard.Providers.Http;
using Switchboard.Testing;
using static Switchboard.Providers.Tests.Anthropic.AnthropicTestKit;

namespace Switchboard.Providers.Tests.Anthropic;

public sealed class AnthropicModelListTests : IAsyncLifetime
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

    [Fact]
    public async Task ListModelsAsync_TwoPages_FollowsCursorAndReadsLimits()
    {
        _fake.Handler = (ctx, request) => FakeUpstream.Json(ctx, 200, request.Query.Contains("after_id=claude-opus-4-1", StringComparison.Ordinal)
            ? """{"data":[{"type":"model","id":"claude-3-5-haiku","display_name":"Claude Haiku 3.5","created_at":"2024-10-22T00:00:00Z"}],"has_more":false,"first_id":"claude-3-5-haiku","last_id":"claude-3-5-haiku"}"""
            : """
              {"data":[
                {"type":"model","id":"claude-sonnet-4-5","display_name":"Claude Sonnet 4.5","created_at":"2025-09-29T00:00:00Z","max_input_tokens":200000,"max_tokens":64000},
                {"type":"model","id":"claude-opus-4-1","display_name":"Claude Opus 4.1","created_at":"2025-08-05T00:00:00Z"}],
               "has_more":true,"first_id":"claude-sonnet-4-5","last_id":"claude-opus-4-1"}
              """);
        var target = new UpstreamTarget { Endpoint = Endpoint(_fake.BaseUrl), UpstreamModel = "", ApiKey = Key };

        var result = await _provider.ListModelsAsync(target, UpstreamTimeouts.Default, CancellationToken.None);

        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Equal(
            [
                new UpstreamModelInfo("claude-sonnet-4-5", "Claude Sonnet 4.5", 200000, 64000),
                new UpstreamModelInfo("claude-opus-4-1", "Claude Opus 4.1"),
                new UpstreamModelInfo("claude-3-5-haiku", "Claude Haiku 3.5"),
            ],
            result.Value!.Models);
        var requests = _fake.Requests;
        Assert.Equal(2, requests.Count);
        Assert.All(requests, r =>
        {
            Assert.Equal("GET", r.Method);
            Assert.Equal("/v1/models", r.Path);
            Assert.Equal(Key, r.Header("x-api-key"));
            Assert.Equal("2023-06-01", r.Header("anthropic-version"));
        });
        Assert.Equal("?limit=1000", requests[0].Query);
        Assert.Equal("?limit=1000&after_id=claude-opus-4-1", requests[1].Query);
    }

    [Fact]
    public async Task ListModelsAsync_Unauthorized_ReturnsAuthenticationError()
    {
        _fake.Handler = (ctx, _) => FakeUpstream.Json(ctx, 401, """{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}""");
        var target = new UpstreamTarget { Endpoint = Endpoint(_fake.BaseUrl), UpstreamModel = "", ApiKey = "bad" };

        var result = await _provider.ListModelsAsync(target, UpstreamTimeouts.Default, CancellationToken.None);

        Assert.Equal(UpstreamErrorKind.Authentication, result.Error!.Kind);
        Assert.Equal("invalid x-api-key", result.Error.Message);
    }
}
