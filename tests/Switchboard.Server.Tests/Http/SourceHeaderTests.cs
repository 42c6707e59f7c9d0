using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using Switchboard.Server.Tests.Infrastructure;
using Switchboard.Testing;

namespace Switchboard.Server.Tests.Http;

/// <summary><c>X-Switchboard-Source</c> names the answering source as configured: ASCII as it is, other names as their UTF-8 bytes, never percent-encoded.</summary>
public sealed class SourceHeaderTests : IAsyncLifetime
{
    private FakeUpstream _upstream = null!;
    private GatewayHost _host = null!;

    public async Task InitializeAsync()
    {
        _upstream = await FakeUpstream.StartAsync();
        _upstream.Handler = (ctx, r) => r.Json().RootElement.TryGetProperty("stream", out var s) && s.GetBoolean()
            ? FakeUpstream.Sse(ctx, OpenAIFakeResponses.Stream(["hi"]))
            : FakeUpstream.Json(ctx, 200, OpenAIFakeResponses.Completion("hi"));
        _host = await GatewayHost.StartAsync($$"""
            platforms:
              qwen:
                kind: openai
                base_url: {{_upstream.BaseUrl}}v1
                api_key: sk-qwen-0001
                models: { '通义flash': qwen-flash, plain-model: plain-upstream }
            """);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _upstream.DisposeAsync();
    }

    [Theory]
    [InlineData("plain-model", false)]
    [InlineData("plain-model", true)]
    [InlineData("通义flash", false)]
    [InlineData("通义flash", true)]
    public async Task Source_IsTheAddressAsConfigured(string model, bool stream)
    {
        using var handler = new SocketsHttpHandler { ResponseHeaderEncodingSelector = (_, _) => Encoding.UTF8 };
        using var client = new HttpClient(handler) { BaseAddress = _host.BaseUrl };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", GatewayHost.AdminKey);

        using var response = await client.PostAsJsonAsync("v1/chat/completions", new { model, stream, messages = new[] { new { role = "user", content = "x" } } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"qwen/{model}", response.Headers.GetValues("X-Switchboard-Source").Single());
    }

    [Fact]
    public async Task Source_OnTheWire_IsUtf8Bytes()
    {
        var body = """{"model":"通义flash","messages":[{"role":"user","content":"x"}]}""";
        var bodyBytes = Encoding.UTF8.GetBytes(body);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(_host.BaseUrl.Host, _host.BaseUrl.Port);
        var stream = tcp.GetStream();
        var head = $"POST /v1/chat/completions HTTP/1.1\r\nHost: {_host.BaseUrl.Authority}\r\nAuthorization: Bearer {GatewayHost.AdminKey}\r\nContent-Type: application/json\r\nContent-Length: {bodyBytes.Length}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        await stream.WriteAsync(bodyBytes);
        using var received = new MemoryStream();
        await stream.CopyToAsync(received);

        var expected = Encoding.UTF8.GetBytes("X-Switchboard-Source: qwen/通义flash\r\n");
        Assert.True(received.ToArray().AsSpan().IndexOf(expected) >= 0, "the raw response lacks the UTF-8 header line: " + Encoding.UTF8.GetString(received.ToArray()));
    }
}
