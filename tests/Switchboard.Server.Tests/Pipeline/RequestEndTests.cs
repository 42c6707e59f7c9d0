using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Abstractions.Providers;
using Switchboard.Abstractions.Storage;
using Switchboard.Abstractions.Tenancy;
using Switchboard.Core.Limits;
using Switchboard.Server.Tests.Infrastructure;
using Switchboard.Testing;

namespace Switchboard.Server.Tests.Pipeline;

/// <summary>Whatever ends a request (bad text, a bug, a client mistake), it answers in the error shape, releases its limits and leaves one usage record.</summary>
/// <remarks>Pins catalogue case 2: a lone surrogate or a deep nesting used to be a 500 that kept its budget reservation and parallel slot.</remarks>
public sealed class RequestEndTests : IAsyncLifetime
{
    private FakeUpstream _upstream = null!;
    private GatewayHost _host = null!;
    private HttpClient _client = null!;
    private string _scope = null!;

    public async Task InitializeAsync()
    {
        _upstream = await FakeUpstream.StartAsync();
        _upstream.Handler = (ctx, _) => FakeUpstream.Json(ctx, 200, OpenAIFakeResponses.Completion("ok"));
        _host = await GatewayHost.StartAsync(
            PricedGateway.Yaml(
                _upstream.BaseUrl,
                more: """
                  faulty:
                    kind: faulty
                    base_url: http://127.0.0.1:9/v1
                    models: { boom: boom }
                """,
                moreCatalog: """
                  boom-priced:
                    user_input_price: 1.0
                    user_output_price: 2.0
                    sources: [{ platform: faulty, model: boom }]
                """),
            services: s => s.AddSingleton<IProviderKind, FaultyProviderKind>());
        (_client, _scope) = await PricedGateway.LimitedClientAsync(_host, new { name = "limited", budget = 1.0, budget_period = "day", rpm = 1000, tpm = 10_000_000, max_parallel = 1 });
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
        await _upstream.DisposeAsync();
    }

    public static TheoryData<string, string> UnrepresentableText => new()
    {
        { """{"model":"priced","messages":[{"role":"user","content":"a\ud800b"}]}""", "messages[0].content" },
        { """{"model":"pri\ud800ced","messages":[{"role":"user","content":"hi"}]}""", "model" },
        { """{"model":"priced","messages":[{"role":"us\udc00er","content":"hi"}]}""", "messages[0].role" },
        { """{"model":"priced","messages":[{"role":"user","content":[{"type":"text","text":"\ud83d"}]}]}""", "messages[0].content[0].text" },
        { """{"model":"priced","messages":[{"role":"user","content":"hi"}],"tools":[{"type":"function","function":{"name":"f","parameters":{"properties":{"q":{"description":"x\udfff"}}}}}]}""", "tools[0].function.parameters.properties.q.description" },
        { """{"model":"priced","messages":[{"role":"user","content":"hi"}],"metadata":{"a":"\ud800\ud800"}}""", "metadata.a" },
        { """{"model":"priced","messages":[{"role":"user","content":"hi"}],"user":"\udc00\ud800"}""", "user" },
    };

    [Theory]
    [MemberData(nameof(UnrepresentableText))]
    public async Task LoneSurrogate_Is400NamingTheField_AndHoldsNothing(string json, string param)
    {
        var response = await PostAsync(json);

        var error = await ErrorAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal("invalid_text", error.GetProperty("code").GetString());
        Assert.Equal(param, error.GetProperty("param").GetString());
        await AssertHoldsNothingAsync(requests: 1);
    }

    [Theory]
    [InlineData("model", "model")]
    [InlineData("role", "messages[0].role")]
    [InlineData("content", "messages[0].content")]
    [InlineData("name", "messages[0]")]
    public async Task InvalidUtf8_Is400NamingTheField_AndHoldsNothing(string where, string param)
    {
        byte[] bad = [(byte)'x', 0xFF, 0xFE, (byte)'y'];
        byte[] body = where switch
        {
            "model" => [.. "{\"model\":\""u8, .. bad, .. "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"u8],
            "role" => [.. "{\"model\":\"priced\",\"messages\":[{\"role\":\""u8, .. bad, .. "\",\"content\":\"hi\"}]}"u8],
            "content" => [.. "{\"model\":\"priced\",\"messages\":[{\"role\":\"user\",\"content\":\""u8, .. bad, .. "\"}]}"u8],
            _ => [.. "{\"model\":\"priced\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\",\""u8, .. bad, .. "\":1}]}"u8],
        };
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        var response = await _client.PostAsync("v1/chat/completions", content);

        var error = await ErrorAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("invalid_text", error.GetProperty("code").GetString());
        Assert.Equal(param, error.GetProperty("param").GetString());
        Assert.Empty(_upstream.Requests);
        await AssertHoldsNothingAsync(requests: 1);
    }

    [Fact]
    public async Task LoneSurrogateInAPropertyName_Is400NamingTheObject()
    {
        var response = await PostAsync("""{"model":"priced","messages":[{"role":"user","content":"hi","x\ud800":1}]}""");

        var error = await ErrorAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("invalid_text", error.GetProperty("code").GetString());
        Assert.Equal("messages[0]", error.GetProperty("param").GetString());
        await AssertHoldsNothingAsync(requests: 1);
    }

    [Fact]
    public async Task PairedSurrogatesAndEscapedBackslashes_AreOrdinaryText()
    {
        var response = await PostAsync("""{"model":"priced","messages":[{"role":"user","content":"\ud83d\ude00 and \\ud800 and \u00e9"}]}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(_upstream.Requests);
    }

    [Fact]
    public async Task NestingOf65Levels_Is400BeforeAnyUpstreamCall_And64IsAccepted()
    {
        // The top-level object is level 1, "x" holds the arrays: 1 + 63 = 64 levels pass, 1 + 64 = 65 do not.
        var accepted = await PostAsync(Nested(63));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Single(_upstream.Requests);

        var refused = await PostAsync(Nested(64));
        var error = await ErrorAsync(refused, HttpStatusCode.BadRequest);
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Contains("nested deeper than 64", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Single(_upstream.Requests);

        var deeper = await PostAsync(Nested(5000));
        await ErrorAsync(deeper, HttpStatusCode.BadRequest);
        Assert.Single(_upstream.Requests);
        await AssertHoldsNothingAsync(requests: 3);
    }

    [Theory]
    [InlineData("api_base", "\"http://169.254.169.254\"")]
    [InlineData("base_url", "\"http://attacker.example\"")]
    [InlineData("api_key", "\"sk-someone-else\"")]
    [InlineData("extra_headers", "{\"Authorization\":\"Bearer x\"}")]
    [InlineData("custom_llm_provider", "\"openai\"")]
    public async Task RoutingFieldAtTheTopLevel_Is400NamingIt_AndNothingIsSent(string field, string value)
    {
        var response = await PostAsync($$"""{"model":"priced","{{field}}":{{value}},"messages":[{"role":"user","content":"hi"}]}""");

        var error = await ErrorAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(field, error.GetProperty("param").GetString());
        Assert.Equal("unsupported_parameter", error.GetProperty("code").GetString());
        Assert.Empty(_upstream.Requests);

        var embedding = await _client.PostAsync("v1/embeddings", Json($$"""{"model":"priced","input":"hi","{{field}}":{{value}}}"""));
        Assert.Equal(field, (await ErrorAsync(embedding, HttpStatusCode.BadRequest)).GetProperty("param").GetString());
        Assert.Empty(_upstream.Requests);
    }

    [Fact]
    public async Task RoutingFieldNamesInsideMessages_AreContent_NotRouting()
    {
        var response = await PostAsync("""{"model":"priced","messages":[{"role":"user","content":"hi","api_key":"x"}],"metadata":{"base_url":"y"}}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task BodyWithoutAJsonContentType_Is415_OnEveryJsonRoute(string? contentType)
    {
        const string json = """{"model":"priced","messages":[{"role":"user","content":"hi"}]}""";
        foreach (var (client, path) in new[] { (_client, "v1/chat/completions"), (_client, "v1/embeddings"), (_host.CreateClient(), "api/admin/keys"), (_host.CreateClient(), "api/admin/tenancy") })
        {
            var content = new ByteArrayContent(Encoding.UTF8.GetBytes(json));
            if (contentType is not null)
            {
                content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            }

            var response = path == "api/admin/tenancy" ? await client.PutAsync(path, content) : await client.PostAsync(path, content);
            var error = await ErrorAsync(response, HttpStatusCode.UnsupportedMediaType);
            Assert.Equal("unsupported_media_type", error.GetProperty("code").GetString());
        }

        Assert.Empty(_upstream.Requests);
    }

    [Fact]
    public async Task ABugInAProvider_IsAPlain500_ThatReleasesEverything()
    {
        var response = await PostAsync("""{"model":"boom-priced","messages":[{"role":"user","content":"hi"}]}""");

        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.DoesNotContain(FaultyProviderKind.Secret, text, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(text);
        Assert.Equal("internal_error", document.RootElement.GetProperty("error").GetProperty("code").GetString());

        // The body, the header and the record name the same request, although the error handler cleared the headers.
        var requestId = Assert.Single(response.Headers.GetValues("X-Request-Id"));
        Assert.Contains(requestId, document.RootElement.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);

        // max_parallel is 1: a slot the bug kept would refuse this request.
        Assert.Equal(HttpStatusCode.OK, (await PostAsync("""{"model":"priced","messages":[{"role":"user","content":"hi"}]}""")).StatusCode);
        var records = await AssertHoldsNothingAsync(requests: 2);
        Assert.Contains(records, r => r.HttpStatus == 500 && r.ErrorType == "internal_error" && r.CatalogModel == "boom-priced" && r.RequestId == requestId);
        Assert.DoesNotContain(_host.Logs.Lines, line => line.Contains(FaultyProviderKind.Secret, StringComparison.Ordinal));
        Assert.Contains(_host.Logs.Lines, line => line.Contains("NotImplementedException", StringComparison.Ordinal) && line.Contains(records.Single(r => r.HttpStatus == 500).RequestId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ABugMidStream_EndsTheStreamWithOneErrorEvent_AndOneRecord()
    {
        var response = await PostAsync("""{"model":"boom-priced","stream":true,"messages":[{"role":"user","content":"hi"}]}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        var data = SseParser.DataLines(body);
        Assert.Contains("\"role\":\"assistant\"", data[0], StringComparison.Ordinal);
        Assert.Contains("first", data[1], StringComparison.Ordinal);
        Assert.Contains("internal_error", data[^1], StringComparison.Ordinal);
        Assert.DoesNotContain("[DONE]", body, StringComparison.Ordinal);
        Assert.DoesNotContain(FaultyProviderKind.Secret, body, StringComparison.Ordinal);
        var records = await AssertHoldsNothingAsync(requests: 1);
        Assert.Equal("internal_error", records[0].ErrorType);
    }

    [Fact]
    public async Task AdminBodiesWithBadText_Are400_Not500()
    {
        using var admin = _host.CreateClient();
        var tier = await admin.PutAsync("api/admin/tiers/free", Json("""{"slots":{"main":"pri\ud800ced"}}"""));
        Assert.Equal("slots.main", (await ErrorAsync(tier, HttpStatusCode.BadRequest)).GetProperty("param").GetString());

        var key = await admin.PostAsync("api/admin/keys", Json("""{"name":"\udc00"}"""));
        Assert.Equal("name", (await ErrorAsync(key, HttpStatusCode.BadRequest)).GetProperty("param").GetString());

        var deep = await admin.PostAsync("api/admin/keys", Json("{\"name\":" + new string('[', 100) + new string(']', 100) + "}"));
        await ErrorAsync(deep, HttpStatusCode.BadRequest);
    }

    private static string Nested(int arrays) =>
        """{"model":"priced","messages":[{"role":"user","content":"hi"}],"x":""" + new string('[', arrays) + new string(']', arrays) + "}";

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private Task<HttpResponseMessage> PostAsync(string json) => _client.PostAsync("v1/chat/completions", Json(json));

    private static async Task<JsonElement> ErrorAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"expected {expected}, got {(int)response.StatusCode}: {text}");
        using var document = JsonDocument.Parse(text);
        return document.RootElement.GetProperty("error").Clone();
    }

    /// <summary>Checks that the key holds no reservation and no parallel slot, and that every request left exactly one record.</summary>
    private async Task<IReadOnlyList<Switchboard.Abstractions.Usage.UsageRecord>> AssertHoldsNothingAsync(int requests)
    {
        var records = await _host.FlushUsageAsync();
        Assert.Equal(requests, records.Count);
        Assert.Equal(requests, records.Select(r => r.RequestId).Distinct().Count());
        var scope = _scope;
        Assert.Equal(0, _host.Services.GetRequiredService<LimitGate>().InFlight(scope));
        var now = DateTimeOffset.UtcNow;
        var counters = await Poll.UntilAsync(
            () => _host.Services.GetRequiredService<ILimitStore>().GetCountersAsync(scope, LimitWindows.BudgetStart(BudgetPeriod.Day, now), LimitWindows.MinuteStart(now), CancellationToken.None),
            c => c.ReservedNanos == 0);
        Assert.Equal(0, counters.ReservedNanos);
        return records;
    }
}
