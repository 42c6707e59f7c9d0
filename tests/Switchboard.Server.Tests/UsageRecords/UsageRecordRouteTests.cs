using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Abstractions.Storage;
using Switchboard.Abstractions.Usage;
using Switchboard.Server.Tests.Infrastructure;
using Switchboard.Testing;

namespace Switchboard.Server.Tests.UsageRecords;

/// <summary>
/// Checks the per-request usage routes over real HTTP: every field of a real request's record, filters, cursor paging,
/// the streamed CSV export (quoting, formula-safe cells, the row cap), and who may read whose records.
/// </summary>
public sealed class UsageRecordRouteTests : IAsyncLifetime
{
    private const string UpstreamSecret = "sk-upstream-usage-secret-0001";

    private FakeUpstream _upstream = null!;
    private GatewayHost _host = null!;

    public async Task InitializeAsync()
    {
        _upstream = await FakeUpstream.StartAsync();
        _upstream.Handler = (ctx, _) => FakeUpstream.Json(ctx, 200, OpenAIFakeResponses.Completion("ok"));
        _host = await GatewayHost.StartAsync($$"""
            platforms:
              pool:
                kind: openai
                base_url: {{_upstream.BaseUrl}}v1
                api_key: {{UpstreamSecret}}
                models:
                  chat: { model_name: gpt-x, input_price: 2, output_price: 8 }
            """);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _upstream.DisposeAsync();
    }

    [Fact]
    public async Task RealRequests_AreListedNewestFirstWithEveryField_AndFoundByRequestId()
    {
        using var admin = _host.CreateClient();
        var first = await ChatAsync(admin, "chat", agent: "summarizer");
        var second = await ChatAsync(admin, "no-such-model");
        await _host.FlushUsageAsync();

        var list = await admin.GetFromJsonAsync<JsonElement>("api/admin/usage/records");
        var data = list.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal([RequestId(second), RequestId(first)], data.Select(r => r.GetProperty("request_id").GetString()));
        Assert.Equal(JsonValueKind.Null, list.GetProperty("next_before").ValueKind);

        var ok = data[1];
        Assert.Equal(("-1", "summarizer", "chat", "chat", "pool", "openai", "gpt-x"), (
            ok.GetProperty("user_id").GetString(), ok.GetProperty("agent_name").GetString(), ok.GetProperty("requested_model").GetString(),
            ok.GetProperty("catalog_model").GetString(), ok.GetProperty("platform").GetString(), ok.GetProperty("provider").GetString(), ok.GetProperty("upstream_model").GetString()));
        Assert.Equal("openai-chat", ok.GetProperty("protocol").GetString());
        Assert.Equal(("success", 200, 1, "reported"), (ok.GetProperty("status").GetString(), ok.GetProperty("http_status").GetInt32(), ok.GetProperty("attempts").GetInt32(), ok.GetProperty("usage_source").GetString()));
        Assert.True(ok.GetProperty("key_id").GetInt64() > 0);
        Assert.True(ok.GetProperty("input_tokens").GetInt64() > 0);
        Assert.Equal(ok.GetProperty("input_tokens").GetInt64() + ok.GetProperty("output_tokens").GetInt64(), ok.GetProperty("total_tokens").GetInt64());
        Assert.True(ok.GetProperty("provider_cost").GetDecimal() > 0);
        var expected = new[]
        {
            "request_id", "timestamp", "user_id", "virtual_key_id", "agent_name", "slot", "endpoint", "protocol", "requested_model", "catalog_model", "platform",
            "provider", "upstream_model", "key_id", "input_tokens", "output_tokens", "cached_input_tokens", "cache_write_tokens", "cache_write_1h_tokens",
            "reasoning_tokens", "total_tokens", "usage_source", "provider_cost", "user_price", "latency_ms", "ttft_ms", "attempts", "stream", "status",
            "error_type", "http_status",
        };
        Assert.Equal(expected, ok.EnumerateObject().Select(p => p.Name));

        var failed = data[0];
        Assert.Equal(("error", 404), (failed.GetProperty("status").GetString(), failed.GetProperty("http_status").GetInt32()));
        Assert.DoesNotContain(UpstreamSecret, list.GetRawText(), StringComparison.Ordinal);

        var one = await admin.GetFromJsonAsync<JsonElement>($"api/admin/usage/records/{RequestId(first)}");
        Assert.Equal(ok.GetRawText(), one.GetRawText());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("api/admin/usage/records/no-such-request")).StatusCode);
    }

    [Fact]
    public async Task Filters_And_CursorPaging_CoverEveryRecordOnce()
    {
        var store = _host.Services.GetRequiredService<IUsageStore>();
        var t0 = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        await store.InsertAsync(
            [.. Enumerable.Range(0, 25).Select(i => Record($"r{i:D2}", t0.AddSeconds(i / 3), i % 2 == 0 ? "alice" : "bob") with
            {
                CatalogModel = i % 5 == 0 ? "m5" : "m1",
                Status = i % 4 == 0 ? "error" : "success",
                KeyId = i % 3 == 0 ? 33 : 44,
                Protocol = i % 6 == 0 ? "anthropic-messages" : "openai-chat",
            })],
            CancellationToken.None);
        using var admin = _host.CreateClient();

        var seen = new List<string>();
        string? before = null;
        do
        {
            var page = await admin.GetFromJsonAsync<JsonElement>($"api/admin/usage/records?since=2026-12-01T00:00:00Z&limit=7{(before is null ? "" : "&before=" + before)}");
            seen.AddRange(page.GetProperty("data").EnumerateArray().Select(r => r.GetProperty("request_id").GetString()!));
            before = page.GetProperty("next_before").GetString();
        }
        while (before is not null);

        Assert.Equal(25, seen.Count);
        Assert.Equal(25, seen.Distinct().Count());

        Assert.Equal(13, await CountAsync(admin, "user_id=alice"));
        Assert.Equal(5, await CountAsync(admin, "model=m5"));
        Assert.Equal(7, await CountAsync(admin, "status=error"));
        Assert.Equal(9, await CountAsync(admin, "key_id=33"));
        Assert.Equal(3, await CountAsync(admin, "since=2026-12-01T00:00:02Z&until=2026-12-01T00:00:03Z"));
        Assert.Equal(5, await CountAsync(admin, "user_id=alice&status=error&model=m1"));
        Assert.Equal(5, await CountAsync(admin, "protocol=anthropic-messages"));
        Assert.Equal(0, await CountAsync(admin, "protocol=gemini"));
        var grouped = await admin.GetFromJsonAsync<JsonElement>("api/v1/status/usage?period=total&group_by=protocol");
        Assert.Equal("protocol", grouped.GetProperty("group_by").GetString());
        Assert.Equal(
            [("anthropic-messages", 5L), ("openai-chat", 20L)],
            grouped.GetProperty("groups").EnumerateArray().Select(g => (g.GetProperty("key").GetString(), g.GetProperty("usage").GetProperty("requests").GetInt64())).OrderBy(g => g.Item1));

        foreach (var (query, param) in new[]
        {
            ("limit=0", "limit"), ("limit=1001", "limit"), ("since=yesterday", "since"), ("until=2026-13-01", "until"), ("status=ok", "status"),
            ("key_id=abc", "key_id"), ("virtual_key_id=-3", "virtual_key_id"), ("before=12", "before"), ("before=x.y", "before"), ("format=xml", "format"),
        })
        {
            var refused = await admin.GetAsync($"api/admin/usage/records?{query}");
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal(param, (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetProperty("param").GetString());
        }
    }

    [Fact]
    public async Task CsvExport_StreamsEveryMatchingRecordAcrossPages_WithTheJsonFieldNames_UpToTheLimit()
    {
        var store = _host.Services.GetRequiredService<IUsageStore>();
        var t0 = new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.Zero);
        await store.InsertAsync([.. Enumerable.Range(0, 2500).Select(i => Record($"bulk{i:D4}", t0.AddMilliseconds(i), "alice"))], CancellationToken.None);
        using var admin = _host.CreateClient();

        var response = await admin.GetAsync("api/admin/usage/records?format=csv&user_id=alice");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("attachment", response.Content.Headers.ContentDisposition!.ToString(), StringComparison.Ordinal);
        var rows = Csv.Parse(await response.Content.ReadAsStringAsync());
        var json = (await admin.GetFromJsonAsync<JsonElement>("api/admin/usage/records?limit=1&user_id=alice")).GetProperty("data")[0];
        Assert.Equal(json.EnumerateObject().Select(p => p.Name), rows[0]);
        Assert.Equal(2501, rows.Count);
        Assert.Equal("bulk2499", rows[1][0]);
        Assert.Equal("bulk0000", rows[^1][0]);
        Assert.Equal(2500, rows.Skip(1).Select(r => r[0]).Distinct().Count());
        var cost = rows[0].IndexOf("provider_cost");
        Assert.Equal("0.000123", rows[1][cost]);
        Assert.Equal("2026-12-02T00:00:02.4990000Z", rows[1][1]);

        using var request = new HttpRequestMessage(HttpMethod.Get, "api/admin/usage/records?user_id=alice&limit=1500");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        var limited = Csv.Parse(await (await admin.SendAsync(request)).Content.ReadAsStringAsync());
        Assert.Equal(1501, limited.Count);
        Assert.Equal("bulk1000", limited[^1][0]);

        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("api/admin/usage/records?format=csv&limit=100001")).StatusCode);
    }

    [Fact]
    public async Task CsvExport_QuotesDelimitersAndDefusesFormulas()
    {
        using var admin = _host.CreateClient();
        await ChatAsync(admin, "chat", agent: "=HYPERLINK(\"http://x\",\"a, b\")");
        await _host.FlushUsageAsync();

        var text = await admin.GetStringAsync("api/admin/usage/records?format=csv");
        var rows = Csv.Parse(text);
        var agent = rows[0].IndexOf("agent_name");
        var user = rows[0].IndexOf("user_id");
        Assert.Equal("'=HYPERLINK(\"http://x\",\"a, b\")", rows[1][agent]);
        Assert.Equal("-1", rows[1][user]);
        Assert.DoesNotContain(UpstreamSecret, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UserKey_SeesOnlyOwnRecordsWithoutProviderCost_AndNeverTheAdminRoute()
    {
        using var admin = _host.CreateClient();
        var created = await (await admin.PostAsJsonAsync("api/admin/keys", new { user_id = "alice" })).Content.ReadFromJsonAsync<JsonElement>();
        using var alice = _host.CreateClient(created.GetProperty("key").GetString());
        var mine = await ChatAsync(alice, "chat");
        var theirs = await ChatAsync(admin, "chat");
        await _host.FlushUsageAsync();

        Assert.Equal(HttpStatusCode.Forbidden, (await alice.GetAsync("api/admin/usage/records")).StatusCode);
        var own = await alice.GetFromJsonAsync<JsonElement>("api/v1/status/usage/records");
        var record = Assert.Single(own.GetProperty("data").EnumerateArray());
        Assert.Equal((RequestId(mine), "alice"), (record.GetProperty("request_id").GetString(), record.GetProperty("user_id").GetString()));
        Assert.Equal(JsonValueKind.Null, record.GetProperty("provider_cost").ValueKind);
        Assert.True(record.GetProperty("user_price").GetDecimal() >= 0);

        Assert.Equal(HttpStatusCode.Forbidden, (await alice.GetAsync("api/v1/status/usage/records?user_id=-1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync("api/v1/status/usage/records?user_id=alice")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync($"api/v1/status/usage/records/{RequestId(mine)}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await alice.GetAsync($"api/v1/status/usage/records/{RequestId(theirs)}")).StatusCode);
        var csv = Csv.Parse(await alice.GetStringAsync("api/v1/status/usage/records?format=csv"));
        Assert.Equal(2, csv.Count);
        Assert.Equal("", csv[1][csv[0].IndexOf("provider_cost")]);

        // Admins read anyone's through the status route too, with costs.
        var all = await admin.GetFromJsonAsync<JsonElement>("api/v1/status/usage/records?user_id=alice");
        Assert.True(Assert.Single(all.GetProperty("data").EnumerateArray()).GetProperty("provider_cost").GetDecimal() > 0);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _host.CreateClient(null).GetAsync("api/v1/status/usage/records")).StatusCode);
    }

    private static UsageRecord Record(string id, DateTimeOffset at, string user) => new()
    {
        RequestId = id,
        Timestamp = at,
        UserId = user,
        RequestedModel = "m1",
        CatalogModel = "m1",
        Platform = "pool",
        Provider = "openai",
        UpstreamModel = "gpt-x",
        KeyId = 1,
        Tokens = new TokenUsage(10, 5),
        UsageSource = UsageSource.Reported,
        ProviderCost = 0.000123m,
        UserPrice = 0.0002m,
        LatencyMs = 12.5,
        Attempts = 1,
        HttpStatus = 200,
    };

    private static async Task<HttpResponseMessage> ChatAsync(HttpClient client, string model, string? agent = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions")
        {
            Content = JsonContent.Create(new { model, messages = new[] { new { role = "user", content = "hi" } } }),
        };
        if (agent is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Agent-Name", agent);
        }

        return await client.SendAsync(request);
    }

    private static string RequestId(HttpResponseMessage response) => response.Headers.GetValues("X-Request-Id").Single();

    private static async Task<int> CountAsync(HttpClient client, string query) =>
        (await client.GetFromJsonAsync<JsonElement>($"api/admin/usage/records?limit=1000&{query}")).GetProperty("data").GetArrayLength();

    /// <summary>Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF lines) into rows of cells.</summary>
    private static class Csv
    {
        public static List<List<string>> Parse(string text)
        {
            var rows = new List<List<string>>();
            var row = new List<string>();
            var cell = new StringBuilder();
            var quoted = false;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (quoted)
                {
                    if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                    {
                        cell.Append('"');
                        i++;
                    }
                    else if (c == '"')
                    {
                        quoted = false;
                    }
                    else
                    {
                        cell.Append(c);
                    }
                }
                else if (c == '"')
                {
                    quoted = true;
                }
                else if (c == ',')
                {
                    row.Add(cell.ToString());
                    cell.Clear();
                }
                else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    row.Add(cell.ToString());
                    cell.Clear();
                    rows.Add(row);
                    row = [];
                    i++;
                }
                else
                {
                    cell.Append(c);
                }
            }

            Assert.Empty(row);
            Assert.Equal(0, cell.Length);
            return rows;
        }
    }
}
