using Switchboard.Abstractions.Chat;
using Switchboard.Abstractions.Providers;
using Switchboard.Testing;
using static Switchboard.Providers.Tests.Gemini.GeminiTestKit;

namespace Switchboard.Providers.Tests.Gemini;

public sealed class GeminiModelListTests : IAsyncLifetime
{
    private FakeUpstream _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeUpstream.StartAsync();

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    [Fact]
    public async Task ListModelsAsync_TwoPages_FollowsTokenAndMapsFields()
    {
        _fake.Handler = (ctx, request) => FakeUpstream.Json(ctx, 200, request.Query.Contains("pageToken=next%2F1", StringComparison.Ordinal)
            ? """{"models":[{"name":"models/text-embedding-004","displayName":"Text Embedding 004","inputTokenLimit":2048,"outputTokenLimit":1,"supportedGenerationMethods":["embedContent"]}]}"""
            : """
              {"models":[
                {"name":"models/gemini-2.5-flash","version":"001","displayName":"Gemini 2.5 Flash","inputTokenLimit":1048576,"outputTokenLimit":65536,"supportedGenerationMethods":["generateContent","countTokens"]},
                {"name":"models/gemini-2.5-pro","displayName":"Gemini 2.5 Pro"}
              ],"nextPageToken":"next/1"}
              """);

        var result = await Provider().ListModelsAsync(Target(_fake), UpstreamTimeouts.Default, CancellationToken.None);

        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Equal(
            [
                new UpstreamModelInfo("gemini-2.5-flash", "Gemini 2.5 Flash", 1048576, 65536),
                new UpstreamModelInfo("gemini-2.5-pro", "Gemini 2.5 Pro"),
                new UpstreamModelInfo("text-embedding-004", "Text Embedding 004", 2048, 1),
            ],
            result.Value!.Models);
        Assert.Equal(2, _fake.Requests.Count);
        foreach (var request in _fake.Requests)
        {
            Assert.Equal("GET", request.Method);
            Assert.Equal("/v1beta/models", request.Path);
            Assert.Equal(Key, request.Header("x-goog-api-key"));
            Assert.DoesNotContain(Key, request.Query, StringComparison.Ordinal);
        }

        Assert.Equal("?pageSize=1000", _fake.Requests[0].Query);
        Assert.Equal("?pageSize=1000&pageToken=next%2F1", _fake.Requests[1].Query);
    }

    [Fact]
    public async Task ListModelsAsync_EndlessPages_StopsAtCap()
    {
        _fake.Handler = (ctx, _) => FakeUpstream.Json(ctx, 200, """{"models":[{"name":"models/m"}],"nextPageToken":"again"}""");

        var result = await Provider().ListModelsAsync(Target(_fake), UpstreamTimeouts.Default, CancellationToken.None);

        Assert.True(result.IsSuccess);
        Assert.Equal(20, _fake.Requests.Count);
    }

    [Fact]
    public async Task ListModelsAsync_BadKey_ReturnsAuthenticationError()
    {
        _fake.Handler = (ctx, _) => FakeUpstream.Json(ctx, 400, """
        {"error":{"code":400,"message":"API key not valid. Please pass a valid API key.","status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_INVALID"}]}}
        """);

        var result = await Provider().ListModelsAsync(Target(_fake), UpstreamTimeouts.Default, CancellationToken.None);

        Assert.Equal(UpstreamErrorKind.Authentication, result.Error!.Kind);
    }
}
