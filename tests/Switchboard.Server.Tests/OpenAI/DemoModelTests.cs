using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests.OpenAI;

public sealed class DemoModelTests : IAsyncLifetime
{
    private GatewayHost _host = null!;

    public async Task InitializeAsync() => _host = await GatewayHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task ChatCompletion_DemoNonStreaming_ReturnsDeterministicAnswerWithUsage()
    {
        using var client = _host.CreateClient();
        var response = await client.PostAsJsonAsync("v1/chat/completions", new { model = "demo", messages = new[] { new { role = "user", content = "Hello" } } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("chat.completion", json.GetProperty("object").GetString());
        var choice = json.GetProperty("choices")[0];
        Assert.Equal("stop", choice.GetProperty("finish_reason").GetString());
        Assert.Contains("You said: \"Hello\"", choice.GetProperty("message").GetProperty("content").GetString());
        var usage = json.GetProperty("usage");
        Assert.True(usage.GetProperty("prompt_tokens").GetInt32() > 0);
        Assert.Equal(23, usage.GetProperty("completion_tokens").GetInt32());
        Assert.True(response.Headers.Contains("X-Request-Id"));
    }

    [Fact]
    public async Task ChatCompletion_DemoStreaming_EndsWithUsageChunkThenDone()
    {
        using var client = _host.CreateClient();
        var body = JsonSerializer.Serialize(new { model = "demo", stream = true, messages = new[] { new { role = "user", content = "Hi" } } });
        var response = await client.PostAsync("v1/chat/completions", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var data = SseParser.DataLines(await response.Content.ReadAsStringAsync());
        Assert.Equal("[DONE]", data[^1]);
        var usageChunk = JsonDocument.Parse(data[^2]).RootElement;
        Assert.Equal(0, usageChunk.GetProperty("choices").GetArrayLength());
        Assert.Equal(23, usageChunk.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
        var chunks = SseParser.Chunks(await response.Content.ReadAsStringAsync());
        var text = string.Concat(chunks.Where(c => c.GetProperty("choices").GetArrayLength() > 0)
            .Select(c => c.GetProperty("choices")[0].GetProperty("delta"))
            .Where(d => d.TryGetProperty("content", out _))
            .Select(d => d.GetProperty("content").GetString()));
        Assert.Contains("You said: \"Hi\"", text);
        Assert.Equal("stop", chunks[^2].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task ChatCompletion_ExactPlatformAddress_IsServedButNotListed()
    {
        using var client = _host.CreateClient();
        var response = await client.PostAsJsonAsync("v1/chat/completions", new { model = "demo/demo", messages = new[] { new { role = "user", content = "x" } } });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var models = JsonDocument.Parse(await client.GetStringAsync("v1/models")).RootElement.GetProperty("data");
        var ids = models.EnumerateArray().Select(m => m.GetProperty("id").GetString()).ToList();
        Assert.Contains("demo", ids);
        Assert.DoesNotContain("demo/demo", ids);
        var one = JsonDocument.Parse(await client.GetStringAsync("v1/models/demo/demo")).RootElement;
        Assert.Equal("demo/demo", one.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Embeddings_Demo_ReturnsVectorsAndUsage()
    {
        using var client = _host.CreateClient();
        var response = await client.PostAsJsonAsync("v1/embeddings", new { model = "demo-embedding", input = new[] { "a", "b" } });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(2, json.GetProperty("data").GetArrayLength());
        Assert.Equal(16, json.GetProperty("data")[0].GetProperty("embedding").GetArrayLength());
    }

    [Fact]
    public async Task Usage_EveryRequestIncludingRejectedOnes_RecordedOnce()
    {
        using var client = _host.CreateClient();
        await client.PostAsJsonAsync("v1/chat/completions", new { model = "demo", messages = new[] { new { role = "user", content = "one" } } });
        var stream = new StringContent(JsonSerializer.Serialize(new { model = "demo", stream = true, messages = new[] { new { role = "user", content = "two" } } }), Encoding.UTF8, "application/json");
        await (await client.PostAsync("v1/chat/completions", stream)).Content.ReadAsStringAsync();
        await client.PostAsJsonAsync("v1/chat/completions", new { model = "nope", messages = new[] { new { role = "user", content = "three" } } });
        await client.PostAsJsonAsync("v1/chat/completions", new { messages = 5 });

        var records = await _host.FlushUsageAsync();

        Assert.Equal(4, records.Count);
        Assert.Equal(4, records.Select(r => r.RequestId).Distinct().Count());
        Assert.Equal(2, records.Count(r => r.Status == "success"));
        var streamed = Assert.Single(records, r => r.Stream);
        Assert.Equal(Switchboard.Abstractions.Usage.UsageSource.Reported, streamed.UsageSource);
        Assert.Equal(23, streamed.Tokens.OutputTokens);
        Assert.NotNull(streamed.TimeToFirstTokenMs);
    }
}
