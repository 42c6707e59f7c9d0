using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests.OpenAI;

public sealed class RequestValidationTests : IAsyncLifetime
{
    private GatewayHost _host = null!;

    public async Task InitializeAsync() => _host = await GatewayHost.StartAsync(settings: new Dictionary<string, string?> { ["Switchboard:Gateway:MaxRequestBodyBytes"] = "65536" });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("""{"messages":[{"role":"user","content":"x"}]}""", "model", "missing_required_parameter")]
    [InlineData("""{"model":"demo"}""", "messages", "missing_required_parameter")]
    [InlineData("""{"model":42,"messages":[]}""", "model", "invalid_type")]
    [InlineData("""{"model":"demo","messages":"hi"}""", "messages", "invalid_type")]
    [InlineData("""{"model":"demo","messages":[]}""", "messages", "invalid_value")]
    [InlineData("""{"model":"demo","messages":[{"content":"x"}]}""", "messages[0].role", "missing_required_parameter")]
    [InlineData("""{"model":"demo","messages":[{"role":"wizard","content":"x"}]}""", "messages[0].role", "invalid_value")]
    [InlineData("""{"model":"demo","messages":[{"role":"user","content":5}]}""", "messages[0].content", "invalid_type")]
    [InlineData("""{"model":"demo","messages":[{"role":"tool","content":"x"}]}""", "messages[0].tool_call_id", "missing_required_parameter")]
    [InlineData("""{"model":"demo","messages":[{"role":"user","content":"x"}],"max_tokens":-1}""", "max_tokens", "invalid_value")]
    [InlineData("""{"model":"demo","messages":[{"role":"user","content":"x"}],"max_completion_tokens":999999999999}""", "max_completion_tokens", "invalid_value")]
    [InlineData("""{"model":"demo","messages":[{"role":"user","content":"x"}],"max_tokens":"ten"}""", "max_tokens", "invalid_type")]
    [InlineData("""{"model":"demo","messages":[{"role":"user","content":"x"}],"temperature":7}""", "temperature", "invalid_value")]
    [InlineData("""{"model":"demo","messages":[{"role":"user","content":"x"}],"stream":"yes"}""", "stream", "invalid_type")]
    public async Task ChatCompletion_InvalidField_Returns400NamingTheField(string body, string param, string code)
    {
        var (status, error) = await PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal(param, error.GetProperty("param").GetString());
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.Contains(param.Split('.')[^1].Split('[')[0], error.GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("[1,2,3]")]
    [InlineData("\"just a string\"")]
    [InlineData("{\"model\": \"demo\", ")]
    [InlineData("")]
    public async Task ChatCompletion_NotAJsonObject_Returns400(string body)
    {
        var (status, error) = await PostAsync(body);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_json", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task ChatCompletion_WrongContentType_Returns415()
    {
        var (status, error) = await PostAsync("""{"model":"demo","messages":[{"role":"user","content":"x"}]}""", "text/plain");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        Assert.Equal("unsupported_media_type", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task ChatCompletion_OversizeBodyWithLength_Returns413()
    {
        var big = "{\"model\":\"demo\",\"messages\":[{\"role\":\"user\",\"content\":\"" + new string('a', 200_000) + "\"}]}";
        var (status, error) = await PostAsync(big);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal("request_too_large", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task ChatCompletion_OversizeChunkedBody_Returns413WithoutReadingItAll()
    {
        using var client = _host.CreateClient();
        var content = new PushStreamContent(async stream =>
        {
            var chunk = Encoding.UTF8.GetBytes(new string('a', 16_384));
            await stream.WriteAsync(Encoding.UTF8.GetBytes("{\"model\":\"demo\",\"messages\":[{\"role\":\"user\",\"content\":\""));
            for (var i = 0; i < 64; i++)
            {
                await stream.WriteAsync(chunk);
            }
        });
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        HttpResponseMessage response;
        try
        {
            response = await client.PostAsync("v1/chat/completions", content);
        }
        catch (HttpRequestException)
        {
            // The server may close the connection after answering; the status check below covers the normal path.
            return;
        }

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task ChatCompletion_UnknownModel_Returns404ModelNotFound()
    {
        var (status, error) = await PostAsync("""{"model":"no-such-model","messages":[{"role":"user","content":"x"}]}""");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("model_not_found", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task ChatCompletion_EmbeddingModel_Returns400WrongModelType()
    {
        var (status, error) = await PostAsync("""{"model":"demo-embedding","messages":[{"role":"user","content":"x"}]}""");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("wrong_model_type", error.GetProperty("code").GetString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong-key")]
    [InlineData("Basic abc")]
    public async Task Auth_MissingOrWrongKey_Returns401InOpenAIShape(string? authorization)
    {
        using var client = _host.CreateClient(key: null);
        if (authorization is not null)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);
        }

        var response = await client.GetAsync("v1/models");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal("authentication_error", error.GetProperty("type").GetString());
    }

    [Fact]
    public async Task UnknownRoute_Returns404InOpenAIShape()
    {
        using var client = _host.CreateClient();
        var response = await client.GetAsync("v1/nothing-here");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("not_found", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task WrongMethod_Returns405InOpenAIShape()
    {
        using var client = _host.CreateClient();
        var response = await client.GetAsync("v1/chat/completions");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("method_not_allowed", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("code").GetString());
    }

    private async Task<(HttpStatusCode Status, JsonElement Error)> PostAsync(string body, string contentType = "application/json")
    {
        using var client = _host.CreateClient();
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        var response = await client.PostAsync("v1/chat/completions", content);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.GetProperty("error"));
    }

    private sealed class PushStreamContent(Func<Stream, Task> write) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => write(stream);

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
