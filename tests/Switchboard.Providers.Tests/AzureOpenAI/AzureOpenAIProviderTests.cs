using Switchboard.Abstractions.Providers;
using Switchboard.Providers.AzureOpenAI;
using Switchboard.Providers.Http;
using Switchboard.Providers.Tests.OpenAI;
using Switchboard.Testing;

namespace Switchboard.Providers.Tests.AzureOpenAI;

public sealed class AzureOpenAIProviderTests : IAsyncLifetime
{
    private readonly UpstreamHttpClients _clients = new();
    private FakeUpstream _fake = null!;

    public async Task InitializeAsync()
    {
        _fake = await FakeUpstream.StartAsync();
        _fake.Handler = (ctx, _) => FakeUpstream.Json(ctx, 200, """{"id":"c","object":"chat.completion","created":1,"model":"gpt-4o","choices":[{"index":0,"message":{"role":"assistant","content":"ok"},"finish_reason":"stop"}],"usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}""");
    }

    public async Task DisposeAsync()
    {
        await _fake.DisposeAsync();
        _clients.Dispose();
    }

    [Fact]
    public async Task CompleteAsync_ClassicResource_UsesDeploymentUrlApiVersionAndApiKeyHeader()
    {
        var endpoint = new UpstreamEndpoint { PlatformName = "az", Kind = ProviderKinds.AzureOpenAI, BaseUrl = _fake.BaseUrl, Options = new Dictionary<string, string> { ["api_version"] = "2025-01-01-preview" } };

        var result = await new AzureOpenAIProvider(_clients).CompleteAsync(OpenAITestKit.Call("""{"model":"x","messages":[{"role":"user","content":"hi"}]}""", endpoint, key: "az-key-1", model: "my deployment"), default);

        Assert.True(result.IsSuccess);
        var sent = _fake.LastRequest;
        Assert.Equal("/openai/deployments/my deployment/chat/completions", sent.Path);
        Assert.Equal("?api-version=2025-01-01-preview", sent.Query);
        Assert.Equal("az-key-1", sent.Header("api-key"));
        Assert.Null(sent.Header("Authorization"));
    }

    [Fact]
    public async Task CompleteAsync_DefaultApiVersion_IsSent()
    {
        var endpoint = new UpstreamEndpoint { PlatformName = "az", Kind = ProviderKinds.AzureOpenAI, BaseUrl = _fake.BaseUrl };
        await new AzureOpenAIProvider(_clients).CompleteAsync(OpenAITestKit.Call("""{"model":"x","messages":[{"role":"user","content":"hi"}]}""", endpoint, model: "d1"), default);
        Assert.Equal("?api-version=" + AzureOpenAIProvider.DefaultApiVersion, _fake.LastRequest.Query);
    }

    [Fact]
    public async Task CompleteAsync_V1Api_UsesPlainPathsAndDeploymentAsModel()
    {
        var endpoint = new UpstreamEndpoint { PlatformName = "az", Kind = ProviderKinds.AzureOpenAI, BaseUrl = new Uri(_fake.BaseUrl, "openai/v1") };

        await new AzureOpenAIProvider(_clients).CompleteAsync(OpenAITestKit.Call("""{"model":"x","messages":[{"role":"user","content":"hi"}]}""", endpoint, model: "dep-2"), default);

        Assert.Equal("/openai/v1/chat/completions", _fake.LastRequest.Path);
        Assert.Equal("", _fake.LastRequest.Query);
        Assert.Equal("dep-2", _fake.LastRequest.Json().RootElement.GetProperty("model").GetString());
    }
}
