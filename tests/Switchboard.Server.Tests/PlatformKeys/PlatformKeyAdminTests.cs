using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Abstractions.Storage;
using Switchboard.Core.Audit;
using Switchboard.Server.Tests.Audit;
using Switchboard.Server.Tests.Infrastructure;
using Switchboard.Testing;

namespace Switchboard.Server.Tests.PlatformKeys;

/// <summary>
/// Checks the upstream-key routes over real HTTP against a fake OpenAI upstream that records each request's key: rotate
/// replaces the secret in place (the old one never reaches the upstream again, on this gateway or another on the same
/// database), disable and enable move traffic between keys, remove takes a key out; each change is audited, masked.
/// </summary>
public sealed class PlatformKeyAdminTests : IAsyncLifetime
{
    private const string OldSecret = "sk-old-secret-rotated-0001";
    private const string NewSecret = "sk-new-secret-rotated-0002";
    private const string SecondSecret = "sk-second-secret-key-0003";

    private FakeUpstream _upstream = null!;

    public async Task InitializeAsync()
    {
        _upstream = await FakeUpstream.StartAsync();
        _upstream.Handler = (ctx, r) => r.Header("Authorization") == $"Bearer {OldSecret}"
            ? FakeUpstream.Json(ctx, 401, OpenAIFakeResponses.Error("Incorrect API key provided", "invalid_request_error", "invalid_api_key"))
            : FakeUpstream.Json(ctx, 200, OpenAIFakeResponses.Completion("ok"));
    }

    public async Task DisposeAsync() => await _upstream.DisposeAsync();

    [Fact]
    public async Task Rotate_ReplacesTheSecretInPlace_ClearsTheInvalidMark_AndTheOldSecretIsNeverSentAgain()
    {
        await using var host = await GatewayHost.StartAsync(OneKey());
        using var client = host.CreateClient();
        var audit = new AuditTrail(host);
        await audit.NewAsync();

        // The old key is refused by the upstream, which marks it invalid: the pool has nothing left.
        Assert.Equal(HttpStatusCode.BadGateway, (await ChatAsync(client)).StatusCode);
        var before = await KeyPools.KeyAsync(client, "pool");
        Assert.Equal("invalid", before.GetProperty("status").GetString());
        var id = before.GetProperty("id").GetInt64();
        var storedBefore = await StoredKeyAsync(host, id);

        var rotated = await client.PostAsJsonAsync($"api/admin/platform-keys/{id}/rotate", new { api_key = NewSecret });
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        var body = await rotated.Content.ReadAsStringAsync();
        Assert.DoesNotContain(NewSecret, body, StringComparison.Ordinal);
        var view = JsonDocument.Parse(body).RootElement;
        Assert.Equal((id, "active", "sk-n…0002"), (view.GetProperty("id").GetInt64(), view.GetProperty("status").GetString(), view.GetProperty("masked").GetString()));
        Assert.Equal((3, 5), (view.GetProperty("weight").GetInt32(), view.GetProperty("priority").GetInt32()));
        Assert.Equal(1000, view.GetProperty("quota").GetProperty("tokens").GetInt64());
        Assert.Equal("main", view.GetProperty("label").GetString());

        var sentBefore = _upstream.Requests.Count;
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await ChatAsync(client)).StatusCode);
        }

        Assert.All(_upstream.Requests.Skip(sentBefore), r => Assert.Equal($"Bearer {NewSecret}", r.Header("Authorization")));
        var storedAfter = await StoredKeyAsync(host, id);
        Assert.Equal((storedBefore.Weight, storedBefore.Priority, storedBefore.Quota, storedBefore.PlatformId), (storedAfter.Weight, storedAfter.Priority, storedAfter.Quota, storedAfter.PlatformId));
        Assert.NotEqual(storedBefore.SealedValue, storedAfter.SealedValue);
        Assert.DoesNotContain(NewSecret, storedAfter.SealedValue, StringComparison.Ordinal);

        var entry = await audit.OneAsync("admin", AuditActions.PlatformKeyRotate, AuditTargets.PlatformKey, id);
        Assert.Equal("sk-o…0001", AuditTrail.Json(entry.Before).GetProperty("masked").GetString());
        Assert.Equal("sk-n…0002", AuditTrail.Json(entry.After).GetProperty("masked").GetString());
        Assert.DoesNotContain(NewSecret, entry.After, StringComparison.Ordinal);
        Assert.DoesNotContain(host.Logs.Lines, l => l.Contains(NewSecret, StringComparison.Ordinal) || l.Contains(OldSecret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Rotate_RefusesAMissingKeyAndAnUnknownId_AndRecordsNothing()
    {
        await using var host = await GatewayHost.StartAsync(OneKey());
        using var client = host.CreateClient();
        var audit = new AuditTrail(host);
        await audit.NewAsync();
        var id = (await KeyPools.KeyAsync(client, "pool")).GetProperty("id").GetInt64();

        await AssertErrorAsync(await client.PostAsJsonAsync($"api/admin/platform-keys/{id}/rotate", new { api_key = " " }), HttpStatusCode.BadRequest, "api_key");
        await AssertErrorAsync(await client.PostAsJsonAsync($"api/admin/platform-keys/{id}/rotate", new { api_key = 42 }), HttpStatusCode.BadRequest, "api_key");
        await AssertErrorAsync(await client.PostAsJsonAsync($"api/admin/platform-keys/{id}/rotate", new { api_key = new string('k', 4097) }), HttpStatusCode.BadRequest, "api_key");
        await AssertErrorAsync(await client.PostAsJsonAsync("api/admin/platform-keys/987654/rotate", new { api_key = NewSecret }), HttpStatusCode.NotFound, null);
        var noJson = await client.PostAsync($"api/admin/platform-keys/{id}/rotate", new StringContent("api_key=x", System.Text.Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, noJson.StatusCode);

        Assert.Empty(await audit.NewAsync());
        Assert.Equal("sk-o…0001", (await KeyPools.KeyAsync(client, "pool")).GetProperty("masked").GetString());
    }

    [Fact]
    public async Task DisableAndEnable_MoveTrafficBetweenTheKeys_AndAreAudited()
    {
        await using var host = await GatewayHost.StartAsync(TwoWorkingKeys());
        using var client = host.CreateClient();
        var audit = new AuditTrail(host);
        await audit.NewAsync();
        var first = (await KeyPools.KeyAsync(client, "pool", "0002")).GetProperty("id").GetInt64();

        Assert.Equal(HttpStatusCode.OK, (await ChatAsync(client)).StatusCode);
        Assert.Equal($"Bearer {NewSecret}", _upstream.LastRequest.Header("Authorization"));

        var disabled = await client.PatchAsJsonAsync($"api/admin/platform-keys/{first}", new { status = "disabled" });
        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        Assert.Equal("disabled", (await disabled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        var entry = await audit.OneAsync("admin", AuditActions.PlatformKeyUpdate, AuditTargets.PlatformKey, first);
        Assert.Equal(("active", "disabled"), (AuditTrail.Json(entry.Before).GetProperty("status").GetString(), AuditTrail.Json(entry.After).GetProperty("status").GetString()));
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await ChatAsync(client)).StatusCode);
            Assert.Equal($"Bearer {SecondSecret}", _upstream.LastRequest.Header("Authorization"));
        }

        Assert.Equal(["sk-n…0002"], (await ListAsync(client, "?status=disabled")).Select(k => k.GetProperty("masked").GetString()));

        var enabled = await client.PatchAsJsonAsync($"api/admin/platform-keys/{first}", new { status = "active", weight = 7, priority = -1, label = "back" });
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        var view = await enabled.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("active", 7, -1, "back"), (view.GetProperty("status").GetString(), view.GetProperty("weight").GetInt32(), view.GetProperty("priority").GetInt32(), view.GetProperty("label").GetString()));
        Assert.Equal(HttpStatusCode.OK, (await ChatAsync(client)).StatusCode);
        Assert.Equal($"Bearer {NewSecret}", _upstream.LastRequest.Header("Authorization"));
        await audit.OneAsync("admin", AuditActions.PlatformKeyUpdate, AuditTargets.PlatformKey, first);

        var cleared = await client.PatchAsJsonAsync($"api/admin/platform-keys/{first}", new { label = (string?)null });
        Assert.Equal(JsonValueKind.Null, (await cleared.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("label").ValueKind);
        await audit.NewAsync();

        foreach (var (patch, param) in new (object, string)[] { (new { status = "invalid" }, "status"), (new { weight = 0 }, "weight"), (new { priority = 5000 }, "priority"), (new { label = new string('l', 201) }, "label"), (new { weight = "heavy" }, "weight") })
        {
            await AssertErrorAsync(await client.PatchAsJsonAsync($"api/admin/platform-keys/{first}", patch), HttpStatusCode.BadRequest, param);
        }

        await AssertErrorAsync(await client.PatchAsJsonAsync("api/admin/platform-keys/987654", new { status = "disabled" }), HttpStatusCode.NotFound, null);
        Assert.Empty(await audit.NewAsync());
    }

    [Fact]
    public async Task Remove_TakesTheKeyOutOfThePoolAndStorage_ASecondRemoveIs404()
    {
        await using var host = await GatewayHost.StartAsync(TwoWorkingKeys());
        using var client = host.CreateClient();
        var audit = new AuditTrail(host);
        await audit.NewAsync();
        var first = (await KeyPools.KeyAsync(client, "pool", "0002")).GetProperty("id").GetInt64();

        var removed = await client.DeleteAsync($"api/admin/platform-keys/{first}");
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        var answer = await removed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(answer.GetProperty("deleted").GetBoolean());
        Assert.Equal("sk-n…0002", answer.GetProperty("key").GetProperty("masked").GetString());
        var entry = await audit.OneAsync("admin", AuditActions.PlatformKeyDelete, AuditTargets.PlatformKey, first);
        Assert.Null(entry.After);

        var left = await ListAsync(client, "?platform=pool");
        Assert.Equal(["sk-s…0003"], left.Select(k => k.GetProperty("masked").GetString()));
        Assert.DoesNotContain((await host.Services.GetRequiredService<ISwitchboardStore>().LoadAsync(CancellationToken.None)).Keys, k => k.Id == first);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await ChatAsync(client)).StatusCode);
            Assert.Equal($"Bearer {SecondSecret}", _upstream.LastRequest.Header("Authorization"));
        }

        await AssertErrorAsync(await client.DeleteAsync($"api/admin/platform-keys/{first}"), HttpStatusCode.NotFound, null);
        Assert.Empty(await audit.NewAsync());
    }

    [Fact]
    public async Task List_ShowsHealthAndQuotaUse_AndFiltersByOwner()
    {
        await using var host = await GatewayHost.StartAsync(OneKey().Replace(OldSecret, NewSecret, StringComparison.Ordinal));
        using var client = host.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await ChatAsync(client)).StatusCode);

        var key = Assert.Single(await ListAsync(client, "?owner=-1"));
        Assert.Equal(1.0, key.GetProperty("success_rate").GetDouble());
        Assert.Equal("day", key.GetProperty("quota").GetProperty("period").GetString());
        Assert.True(key.GetProperty("quota_usage").TryGetProperty("tokens_used", out _));
        Assert.Empty(await ListAsync(client, "?owner=user_1"));
    }

    [Fact]
    public async Task UserKey_GetsForbiddenOnEveryKeyRoute()
    {
        await using var host = await GatewayHost.StartAsync(OneKey());
        using var admin = host.CreateClient();
        var created = await admin.PostAsJsonAsync("api/admin/keys", new { name = "plain", user_id = "user_1" });
        var userKey = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString();
        using var user = host.CreateClient(userKey);
        var id = (await KeyPools.KeyAsync(admin, "pool")).GetProperty("id").GetInt64();

        Assert.Equal(HttpStatusCode.Forbidden, (await user.PatchAsJsonAsync($"api/admin/platform-keys/{id}", new { status = "disabled" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await user.PostAsJsonAsync($"api/admin/platform-keys/{id}/rotate", new { api_key = NewSecret })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await user.DeleteAsync($"api/admin/platform-keys/{id}")).StatusCode);
        Assert.Equal("active", await KeyPools.StatusAsync(admin, "pool"));
    }

    [Fact]
    public async Task RotateOnOneGateway_AnotherGatewayOnTheSameDatabaseSendsOnlyTheNewSecretSoonAfter()
    {
        _upstream.Handler = (ctx, _) => FakeUpstream.Json(ctx, 200, OpenAIFakeResponses.Completion("ok"));
        var yaml = OneKey();
        await using var one = await GatewayHost.StartAsync(yaml);
        await using var two = await GatewayHost.StartAsync(yaml, dataDirectory: one.DataDirectory);
        two.KeepDataOnDispose = true;
        using var first = one.CreateClient();
        using var second = two.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await ChatAsync(second)).StatusCode);
        Assert.Equal($"Bearer {OldSecret}", _upstream.LastRequest.Header("Authorization"));
        var id = (await KeyPools.KeyAsync(first, "pool")).GetProperty("id").GetInt64();

        Assert.Equal(HttpStatusCode.OK, (await first.PostAsJsonAsync($"api/admin/platform-keys/{id}/rotate", new { api_key = NewSecret })).StatusCode);

        // The other gateway reloads within its poll interval (0.25 s on SQLite) plus a reload; bounded here generously.
        var watch = Stopwatch.StartNew();
        while ((await KeyPools.KeyAsync(second, "pool")).GetProperty("masked").GetString() != "sk-n…0002")
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), "The other gateway did not pick up the rotated key.");
            await Task.Delay(25);
        }

        // Its listing reads the database; its snapshot may trail by one reload, so wait for the first request with the new key.
        while (true)
        {
            Assert.Equal(HttpStatusCode.OK, (await ChatAsync(second)).StatusCode);
            if (_upstream.LastRequest.Header("Authorization") == $"Bearer {NewSecret}")
            {
                break;
            }

            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), "The other gateway kept sending the old secret.");
            await Task.Delay(25);
        }

        var after = _upstream.Requests.Count;
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await ChatAsync(first)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await ChatAsync(second)).StatusCode);
        }

        Assert.All(_upstream.Requests.Skip(after), r => Assert.Equal($"Bearer {NewSecret}", r.Header("Authorization")));
    }

    private string OneKey() => $$"""
        platforms:
          pool:
            kind: openai
            base_url: {{_upstream.BaseUrl}}v1
            keys:
              - { key: {{OldSecret}}, weight: 3, priority: 5, label: main, quota: { tokens: 1000, period: day } }
            models: { chat: gpt-x }
        """;

    private string TwoWorkingKeys() => $$"""
        platforms:
          pool:
            kind: openai
            base_url: {{_upstream.BaseUrl}}v1
            keys:
              - { key: {{NewSecret}}, priority: 0 }
              - { key: {{SecondSecret}}, priority: 1 }
            models: { chat: gpt-x }
        """;

    private static Task<HttpResponseMessage> ChatAsync(HttpClient client) =>
        client.PostAsJsonAsync("v1/chat/completions", new { model = "chat", messages = new[] { new { role = "user", content = "hi" } } });

    private static async Task<List<JsonElement>> ListAsync(HttpClient client, string query) =>
        [.. (await client.GetFromJsonAsync<JsonElement>("api/admin/platform-keys" + query)).GetProperty("data").EnumerateArray()];

    private static async Task<Switchboard.Abstractions.Configuration.ApiKeyConfig> StoredKeyAsync(GatewayHost host, long id) =>
        (await host.Services.GetRequiredService<ISwitchboardStore>().LoadAsync(CancellationToken.None)).Keys.Single(k => k.Id == id);

    private static async Task AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string? param)
    {
        Assert.Equal(status, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error");
        Assert.True(error.TryGetProperty("code", out _));
        if (param is not null)
        {
            Assert.Equal(param, error.GetProperty("param").GetString());
        }
    }
}
