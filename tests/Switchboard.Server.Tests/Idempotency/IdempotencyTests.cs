using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Switchboard.Server.Tests.Infrastructure;
using Switchboard.Testing;

namespace Switchboard.Server.Tests.Idempotency;

/// <summary>Sends requests with <c>Idempotency-Key</c> over real HTTP to the gateway in front of a fake OpenAI upstream.</summary>
public sealed class IdempotencyTests : IAsyncLifetime
{
    private const string Chat = """{"model":"chat","messages":[{"role":"user","content":"Hello"}]}""";

    private FakeUpstream _upstream = null!;
    private GatewayHost _host = null!;
    private int _answers;

    public async Task InitializeAsync()
    {
        _upstream = await FakeUpstream.StartAsync();
        _upstream.Handler = AnswerAsync;
        _host = await StartGatewayAsync(_upstream);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _upstream.DisposeAsync();
    }

    [Fact]
    public async Task Repeat_SameBody_ReplaysTheAnswerWithoutCallingUpstreamOrWritingUsage()
    {
        using var client = _host.CreateClient();

        var first = await PostAsync(client, "v1/chat/completions", Chat, "order-1");
        var repeat = await PostAsync(client, "v1/chat/completions", Chat, "order-1");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.Status, repeat.Status));
        Assert.Equal(first.Body, repeat.Body);
        Assert.Contains("answer 1", repeat.Body, StringComparison.Ordinal);
        Assert.Equal(first.Header("X-Request-Id"), repeat.Header("X-Request-Id"));
        Assert.Equal(first.Header("X-Switchboard-Source"), repeat.Header("X-Switchboard-Source"));
        Assert.Equal("application/json", repeat.Header("Content-Type"));
        Assert.Null(first.Header("Idempotent-Replayed"));
        Assert.Equal("true", repeat.Header("Idempotent-Replayed"));
        Assert.Single(_upstream.Requests);
        var record = Assert.Single(await _host.FlushUsageAsync());
        Assert.Equal(first.Header("X-Request-Id"), record.RequestId);
    }

    [Fact]
    public async Task Repeat_DifferentBodyOrRoute_Is409KeyReused()
    {
        using var client = _host.CreateClient();
        await PostAsync(client, "v1/chat/completions", Chat, "order-2");

        var otherBody = await PostAsync(client, "v1/chat/completions", Chat.Replace("Hello", "Hello!", StringComparison.Ordinal), "order-2");
        var otherRoute = await PostAsync(client, "v1/embeddings", """{"model":"embed","input":"Hello"}""", "order-2");

        AssertError(otherBody, HttpStatusCode.Conflict, "idempotency_key_reused");
        AssertError(otherRoute, HttpStatusCode.Conflict, "idempotency_key_reused");
        Assert.Single(_upstream.Requests);
    }

    [Fact]
    public async Task Repeat_WhileTheFirstIsInFlight_Is409InProgress_ThenReplaysOnceItCompletes()
    {
        using var client = _host.CreateClient();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _upstream.Handler = async (ctx, request) =>
        {
            arrived.TrySetResult();
            await release.Task.WaitAsync(TimeSpan.FromSeconds(30));
            await AnswerAsync(ctx, request);
        };

        var first = PostAsync(client, "v1/chat/completions", Chat, "order-3");
        await arrived.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var during = await PostAsync(client, "v1/chat/completions", Chat, "order-3");
        release.SetResult();
        var completed = await first;
        var after = await PostAsync(client, "v1/chat/completions", Chat, "order-3");

        AssertError(during, HttpStatusCode.Conflict, "idempotency_in_progress");
        Assert.Equal("1", during.Header("Retry-After"));
        Assert.Equal(HttpStatusCode.OK, completed.Status);
        Assert.Equal((completed.Body, "true"), (after.Body, after.Header("Idempotent-Replayed")));
        Assert.Single(_upstream.Requests);

        // The refused repeat is recorded as a rejection, like any other refused request; the replay is not recorded at all.
        var records = await _host.FlushUsageAsync();
        Assert.Equal([200, 409], records.Select(r => r.HttpStatus).Order());
    }

    [Fact]
    public async Task SameKey_DifferentCallers_NeverSeeEachOthersAnswers()
    {
        using var admin = _host.CreateClient();
        using var alice = _host.CreateClient(await CreateKeyAsync(admin, "alice"));
        using var bob = _host.CreateClient(await CreateKeyAsync(admin, "bob"));

        var fromAlice = await PostAsync(alice, "v1/chat/completions", Chat, "shared-key");
        var fromBob = await PostAsync(bob, "v1/chat/completions", Chat, "shared-key");
        var fromAdmin = await PostAsync(admin, "v1/chat/completions", Chat, "shared-key");

        Assert.All(new[] { fromAlice, fromBob, fromAdmin }, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        Assert.All(new[] { fromAlice, fromBob, fromAdmin }, r => Assert.Null(r.Header("Idempotent-Replayed")));
        Assert.Equal(3, new[] { fromAlice.Body, fromBob.Body, fromAdmin.Body }.Distinct().Count());
        Assert.Equal(3, _upstream.Requests.Count);
    }

    [Fact]
    public async Task ServerError_IsNotStored_SoARetryWithTheSameKeyRuns()
    {
        using var client = _host.CreateClient();
        _upstream.Handler = (ctx, _) => FakeUpstream.Json(ctx, 500, OpenAIFakeResponses.Error("boom", "server_error"));

        var failed = await PostAsync(client, "v1/chat/completions", Chat, "order-5");
        var calls = _upstream.Requests.Count;
        _upstream.Handler = AnswerAsync;
        var retried = await PostAsync(client, "v1/chat/completions", Chat, "order-5");
        var replayed = await PostAsync(client, "v1/chat/completions", Chat, "order-5");

        Assert.Equal(HttpStatusCode.BadGateway, failed.Status);
        Assert.Equal(HttpStatusCode.OK, retried.Status);
        Assert.Null(retried.Header("Idempotent-Replayed"));
        Assert.Equal(calls + 1, _upstream.Requests.Count);
        Assert.Equal((retried.Body, "true"), (replayed.Body, replayed.Header("Idempotent-Replayed")));
    }

    [Fact]
    public async Task ClientError_IsFinal_AndReplayed()
    {
        using var client = _host.CreateClient();
        const string UnknownModel = """{"model":"no-such-model","messages":[{"role":"user","content":"Hello"}]}""";

        var first = await PostAsync(client, "v1/chat/completions", UnknownModel, "order-6");
        var repeat = await PostAsync(client, "v1/chat/completions", UnknownModel, "order-6");

        AssertError(first, HttpStatusCode.NotFound, "model_not_found");
        Assert.Equal((first.Body, "true"), (repeat.Body, repeat.Header("Idempotent-Replayed")));
        Assert.Single(await _host.FlushUsageAsync());
    }

    [Fact]
    public async Task Stream_WithAKey_IgnoresIt()
    {
        using var client = _host.CreateClient();
        _upstream.Handler = (ctx, _) => FakeUpstream.Sse(ctx, OpenAIFakeResponses.Stream(["Hi", " there"]));
        const string Stream = """{"model":"chat","stream":true,"messages":[{"role":"user","content":"Hello"}]}""";

        // A body that says "stream" twice is a stream when the last says so, for the key as for the parser.
        var twice = await PostAsync(client, "v1/chat/completions", """{"model":"chat","stream":false,"messages":[{"role":"user","content":"Hello"}],"stream":true}""", "stream-0");
        var twiceAgain = await PostAsync(client, "v1/chat/completions", """{"model":"chat","stream":false,"messages":[{"role":"user","content":"Hello"}],"stream":true}""", "stream-0");
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (twice.Status, twiceAgain.Status));
        Assert.Contains("data: [DONE]", twiceAgain.Body, StringComparison.Ordinal);
        Assert.Null(twiceAgain.Header("Idempotent-Replayed"));
        _upstream.Reset();
        await _host.FlushUsageAsync();

        var first = await PostAsync(client, "v1/chat/completions", Stream, "stream-1");
        var second = await PostAsync(client, "v1/chat/completions", Stream, "stream-1");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.Status, second.Status));
        Assert.Null(second.Header("Idempotent-Replayed"));
        Assert.Equal(2, _upstream.Requests.Count);
        Assert.Equal(4, (await _host.FlushUsageAsync()).Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("key\twith-tab")]
    [InlineData("k\u007fey")]
    [InlineData(null)]
    public async Task InvalidKey_Is400(string? key)
    {
        // Latin-1 on the wire lets any byte reach the gateway (HttpClient refuses non-ASCII by default); Kestrel itself refuses non-ASCII values.
        using var handler = new SocketsHttpHandler { RequestHeaderEncodingSelector = (_, _) => Encoding.Latin1 };
        using var client = new HttpClient(handler) { BaseAddress = _host.BaseUrl };
        client.DefaultRequestHeaders.Authorization = new("Bearer", GatewayHost.AdminKey);
        key ??= new string('k', 256);

        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions") { Content = new StringContent(Chat, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        var result = await SendAsync(client, request);

        AssertError(result, HttpStatusCode.BadRequest, "invalid_idempotency_key");
        Assert.Empty(_upstream.Requests);
    }

    [Theory]
    [InlineData("v1/messages", """{"model":"chat","max_tokens":16,"messages":[{"role":"user","content":"Hello"}]}""", "anthropic-messages")]
    [InlineData("api/v1/chat/completions", """{"model_name":"chat","messages":[{"role":"user","content":"Hello"}]}""", "classic")]
    public async Task InvalidKey_OnAnotherProtocolsRoute_IsRecordedAsThatProtocol(string path, string body, string protocol)
    {
        using var client = _host.CreateClient();

        var result = await PostAsync(client, path, body, "");

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Contains("Idempotency-Key", result.Body, StringComparison.Ordinal);
        if (protocol == "anthropic-messages")
        {
            // Anthropic's error shape, as every refusal on /v1/messages.
            Assert.Equal("error", JsonDocument.Parse(result.Body).RootElement.GetProperty("type").GetString());
        }

        Assert.Empty(_upstream.Requests);
        var record = Assert.Single(await _host.FlushUsageAsync());
        Assert.Equal(protocol, record.Protocol);
        Assert.Equal(400, record.HttpStatus);
    }

    [Fact]
    public async Task Embeddings_RepeatIsReplayed()
    {
        using var client = _host.CreateClient();
        const string Embed = """{"model":"embed","input":["a","b"]}""";

        var first = await PostAsync(client, "v1/embeddings", Embed, "embed-1");
        var repeat = await PostAsync(client, "v1/embeddings", Embed, "embed-1");

        Assert.Equal((HttpStatusCode.OK, first.Body, "true"), (repeat.Status, repeat.Body, repeat.Header("Idempotent-Replayed")));
        Assert.Single(_upstream.Requests);
        Assert.Equal("embeddings", Assert.Single(await _host.FlushUsageAsync()).Endpoint);
    }

    [Fact]
    public async Task Expired_Key_RunsTheRequestAgain()
    {
        await using var host = await StartGatewayAsync(_upstream, new Dictionary<string, string?> { ["Switchboard:Idempotency:Retention"] = "00:00:01" });
        using var client = host.CreateClient();

        var first = await PostAsync(client, "v1/chat/completions", Chat, "short-lived");
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var later = await PostAsync(client, "v1/chat/completions", Chat, "short-lived");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.Status, later.Status));
        Assert.Null(later.Header("Idempotent-Replayed"));
        Assert.NotEqual(first.Body, later.Body);
        Assert.Equal(2, _upstream.Requests.Count);
    }

    [Fact]
    public async Task AnswerLargerThanTheStoredBound_IsSentOnce_AndRepeatsAre409NotStored()
    {
        await using var host = await StartGatewayAsync(_upstream, new Dictionary<string, string?> { ["Switchboard:Idempotency:MaxStoredBodyBytes"] = "64" });
        using var client = host.CreateClient();

        var first = await PostAsync(client, "v1/chat/completions", Chat, "big-answer");
        var repeat = await PostAsync(client, "v1/chat/completions", Chat, "big-answer");

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Contains("answer 1", first.Body, StringComparison.Ordinal);
        AssertError(repeat, HttpStatusCode.Conflict, "idempotency_response_not_stored");
        Assert.Single(_upstream.Requests);
    }

    [Fact]
    public async Task TwoGatewaysOnOneSqliteFile_RacingOnOneKey_CallUpstreamOnce()
    {
        _host.KeepDataOnDispose = true;
        await using var second = await StartGatewayAsync(_upstream, dataDirectory: _host.DataDirectory);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _upstream.Handler = async (ctx, request) =>
        {
            await release.Task.WaitAsync(TimeSpan.FromSeconds(30));
            await AnswerAsync(ctx, request);
        };
        using var a = _host.CreateClient();
        using var b = second.CreateClient();

        // Whichever gateway loses the claim answers at once; only then is the winner's upstream call let through.
        var racing = await Task.WhenAll(new[] { a, b }.Select(client => Task.Run(async () =>
        {
            var answer = await PostAsync(client, "v1/chat/completions", Chat, "replica-race");
            if (answer.Status == HttpStatusCode.Conflict)
            {
                release.TrySetResult();
            }

            return answer;
        })));
        var replay = await PostAsync(b, "v1/chat/completions", Chat, "replica-race");

        Assert.Single(racing, r => r.Status == HttpStatusCode.OK);
        AssertError(Assert.Single(racing, r => r.Status != HttpStatusCode.OK), HttpStatusCode.Conflict, "idempotency_in_progress");
        Assert.Equal(racing.Single(r => r.Status == HttpStatusCode.OK).Body, replay.Body);
        Assert.Single(_upstream.Requests);
        second.KeepDataOnDispose = true;
        _host.KeepDataOnDispose = false;
    }

    private static Task<GatewayHost> StartGatewayAsync(FakeUpstream upstream, IDictionary<string, string?>? settings = null, string? dataDirectory = null) =>
        GatewayHost.StartAsync(
            $$"""
            platforms:
              up:
                kind: openai
                base_url: {{upstream.BaseUrl}}v1
                api_key: sk-upstream-idempotency
                models:
                  chat: gpt-4o-mini
                  embed: { model_name: text-embedding-3-small, type: embedding }
            """,
            settings: settings,
            dataDirectory: dataDirectory);

    private Task AnswerAsync(HttpContext ctx, RecordedRequest request)
    {
        var n = Interlocked.Increment(ref _answers);
        return request.Path.EndsWith("/embeddings", StringComparison.Ordinal)
            ? FakeUpstream.Json(ctx, 200, JsonSerializer.Serialize(new
            {
                @object = "list",
                data = new[] { new { @object = "embedding", index = 0, embedding = new[] { n / 10.0, 0.5 } } },
                model = "text-embedding-3-small",
                usage = new { prompt_tokens = 3, total_tokens = 3 },
            }))
            : FakeUpstream.Json(ctx, 200, OpenAIFakeResponses.Completion($"answer {n}"));
    }

    private static async Task<string> CreateKeyAsync(HttpClient admin, string user)
    {
        var created = await admin.PostAsJsonAsync("api/admin/keys", new { name = user, user_id = user });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("key").GetString()!;
    }

    private static Task<Answer> PostAsync(HttpClient client, string path, string body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", key);
        return SendAsync(client, request);
    }

    private static async Task<Answer> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        using (request)
        {
            using var response = await client.SendAsync(request);
            var headers = response.Headers.Concat(response.Content.Headers).ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
            return new Answer(response.StatusCode, await response.Content.ReadAsStringAsync(), headers);
        }
    }

    private static void AssertError(Answer answer, HttpStatusCode status, string code)
    {
        Assert.True(answer.Status == status, $"{(int)answer.Status} {answer.Body}");
        var error = JsonDocument.Parse(answer.Body).RootElement.GetProperty("error");
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
    }

    private sealed record Answer(HttpStatusCode Status, string Body, IReadOnlyDictionary<string, string> Headers)
    {
        public string? Header(string name) => Headers.GetValueOrDefault(name);
    }
}
