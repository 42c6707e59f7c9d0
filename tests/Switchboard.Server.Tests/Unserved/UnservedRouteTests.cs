using System.Net;
using System.Text;
using System.Text.Json;
using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests.Unserved;

/// <summary>Routes clients try that the gateway does not serve get a 404 in the OpenAI shape naming what is served, without shadowing their neighbours.</summary>
public sealed class UnservedRouteTests : IAsyncLifetime
{
    private GatewayHost _host = null!;

    public async Task InitializeAsync() => _host = await GatewayHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("POST", "v1/completions", "/v1/chat/completions")]
    [InlineData("GET", "v1/completions", "/v1/chat/completions")]
    [InlineData("POST", "v1/messages/batches", "/v1/messages")]
    [InlineData("GET", "v1/messages/batches", "/v1/messages")]
    [InlineData("GET", "v1/messages/batches/msgbatch_01/results", "/v1/messages")]
    [InlineData("POST", "v1/messages/batches/msgbatch_01/cancel", "/v1/messages")]
    public async Task UnservedRoute_Is404NamingWhatIsServed(string method, string route, string servedInstead)
    {
        using var client = _host.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), route);
        if (method == "POST")
        {
            request.Content = new StringContent("""{"model":"demo","prompt":"hi"}""", Encoding.UTF8, "application/json");
        }

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);

        // Errors come in the shape of the path's protocol (OpenAI's, or Anthropic's under /v1/messages): both carry error.message.
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Contains(servedInstead, error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("not served", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LegacyCompletions_IsInTheOpenAIShape()
    {
        using var client = _host.CreateClient();

        var response = await client.PostAsync("v1/completions", new StringContent("""{"model":"demo","prompt":"hi"}""", Encoding.UTF8, "application/json"));

        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal(["message", "type", "param", "code"], error.EnumerateObject().Select(p => p.Name));
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal("not_found", error.GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("v1/messages")]
    [InlineData("v1/messages/count_tokens")]
    [InlineData("v1/completionsx")]
    public async Task Neighbours_AreNotAnsweredByTheUnservedRoutes(string route)
    {
        using var client = _host.CreateClient();

        var response = await client.PostAsync(route, new StringContent("{}", Encoding.UTF8, "application/json"));

        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("not served", body, StringComparison.Ordinal);
    }
}
