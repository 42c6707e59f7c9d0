using System.Net;
using Switchboard.Abstractions.Chat;
using Switchboard.Providers.Http;
using Switchboard.Providers.OpenAI;
using Switchboard.Providers.Probing;
using Switchboard.Providers.Tests.OpenAI;
using Switchboard.Testing;

namespace Switchboard.Providers.Tests.Http;

/// <summary>
/// Guarded endpoints (users' private platforms) connect only through the SSRF guard, checked per connection against
/// the resolved address, so a name that resolves to loopback is refused even though the URL looks public.
/// </summary>
public sealed class GuardedUpstreamTests : IAsyncLifetime
{
    private const string Request = """{"model":"m","messages":[{"role":"user","content":"hi"}]}""";
    private FakeUpstream _fake = null!;

    public async Task InitializeAsync()
    {
        _fake = await FakeUpstream.StartAsync();
        _fake.Handler = (ctx, _) => FakeUpstream.Json(ctx, 200, """{"id":"c","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"ok"},"finish_reason":"stop"}],"usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}""");
    }

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    [Fact]
    public async Task GuardedEndpoint_NameResolvingToLoopback_IsRefusedBeforeConnecting()
    {
        using var clients = new UpstreamHttpClients(() => new SocketsHttpHandler(), NetworkGuard.Strict, (_, _) => Task.FromResult(new[] { IPAddress.Loopback }));
        var provider = new OpenAIProvider(clients);
        var endpoint = OpenAITestKit.Endpoint(new Uri($"http://models.example.com:{_fake.BaseUrl.Port}/")) with { Guarded = true };

        var result = await provider.CompleteAsync(OpenAITestKit.Call(Request, endpoint), default);

        Assert.False(result.IsSuccess);
        Assert.Equal(UpstreamErrorKind.Connection, result.Error!.Kind);
        Assert.Contains("models.example.com resolves to 127.0.0.1, which is not allowed", result.Error.Message, StringComparison.Ordinal);
        Assert.Empty(_fake.Requests);
    }

    [Fact]
    public async Task GuardedEndpoint_StreamToLoopbackLiteral_IsRefused()
    {
        using var clients = new UpstreamHttpClients(NetworkGuard.Strict);
        var provider = new OpenAIProvider(clients);
        var endpoint = OpenAITestKit.Endpoint(_fake.BaseUrl) with { Guarded = true };

        var result = await provider.StreamAsync(OpenAITestKit.Call(Request.Replace("\"m\",", "\"m\",\"stream\":true,", StringComparison.Ordinal), endpoint), default);

        Assert.False(result.IsSuccess);
        Assert.Contains("not allowed", result.Error!.Message, StringComparison.Ordinal);
        Assert.Empty(_fake.Requests);
    }

    [Fact]
    public async Task SameOrigin_TrustedAndAllowListedGuarded_BothConnect()
    {
        // The operator's own platform on loopback is trusted; a guarded one needs the allowlist, and the two never share a pooled client.
        using var clients = new UpstreamHttpClients(new NetworkGuard([_fake.BaseUrl.Authority]));
        var provider = new OpenAIProvider(clients);
        var trusted = OpenAITestKit.Endpoint(_fake.BaseUrl);
        var guarded = trusted with { Guarded = true };

        Assert.True((await provider.CompleteAsync(OpenAITestKit.Call(Request, trusted), default)).IsSuccess);
        Assert.True((await provider.CompleteAsync(OpenAITestKit.Call(Request, guarded), default)).IsSuccess);
        Assert.NotSame(clients.For(trusted, trusted.BaseUrl), clients.For(guarded, guarded.BaseUrl));
        Assert.Equal(2, _fake.Requests.Count);
    }
}
