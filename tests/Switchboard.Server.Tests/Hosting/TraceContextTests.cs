using System.Net.Http.Json;
using Switchboard.Server.Tests.Infrastructure;
using Switchboard.Testing;

namespace Switchboard.Server.Tests.Hosting;

/// <summary>
/// The shipped server starts no ASP.NET Core activity per request unless tracing or the hosting log asks for one
/// (appsettings.json turns the hosting diagnostics log off): a request then allocates no activity, and a client's
/// trace context is not handed on to the upstream.
/// </summary>
public sealed class TraceContextTests : IAsyncLifetime
{
    private const string ClientTrace = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    private FakeUpstream _upstream = null!;

    public async Task InitializeAsync()
    {
        _upstream = await FakeUpstream.StartAsync();
        _upstream.Handler = (ctx, _) => FakeUpstream.Json(ctx, 200, OpenAIFakeResponses.Completion("hi"));
    }

    public async Task DisposeAsync() => await _upstream.DisposeAsync();

    [Theory]
    [InlineData(null, false)]
    [InlineData("Information", true)]
    public async Task ClientTraceContext_ReachesTheUpstream_OnlyWhenTheHostingLogStartsActivities(string? hostingLogLevel, bool forwarded)
    {
        await using var gateway = await GatewayProcess.StartOwnAsync(
            Yaml(), new Dictionary<string, string?> { ["Logging__LogLevel__Microsoft.AspNetCore.Hosting.Diagnostics"] = hostingLogLevel });
        using var client = gateway.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions")
        {
            Content = JsonContent.Create(new { model = "shared", messages = new[] { new { role = "user", content = "hello" } } }),
        };
        request.Headers.Add("traceparent", ClientTrace);

        (await client.SendAsync(request)).EnsureSuccessStatusCode();

        var upstreamTrace = _upstream.LastRequest.Headers.GetValueOrDefault("traceparent");
        Assert.Equal(forwarded, upstreamTrace?.Contains("0af7651916cd43dd8448eb211c80319c", StringComparison.Ordinal) == true);
    }

    private string Yaml() =>
        $$"""
        platforms:
          traced:
            kind: openai
            base_url: {{_upstream.BaseUrl}}v1
            api_key: sk-traced-0001
            models: { shared: gpt-traced }
        """;
}
