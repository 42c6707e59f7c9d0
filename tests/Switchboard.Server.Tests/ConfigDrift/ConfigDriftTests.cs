using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Abstractions.Storage;
using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests.ConfigDrift;

/// <summary>
/// Checks <c>GET /api/admin/config/drift</c> over real HTTP: a fresh start matches its file (but for the demo platform a
/// reset would drop), each kind of change made through the API shows up as what a reset would undo, keys are matched by
/// secret and shown masked, a move to another host counts the users' keys a reset drops, and after the reset the report is empty.
/// </summary>
public sealed class ConfigDriftTests
{
    private const string EnvSecret = "sk-alpha-from-environment-0001";
    private const string PlainSecret = "sk-alpha-plain-text-key-0002";
    private const string HeaderSecret = "header-secret-value-0123456789";

    private static readonly Dictionary<string, string?> Environment = new() { ["ALPHA_KEY"] = EnvSecret };

    [Fact]
    public async Task FreshStart_MatchesTheFile_ExceptTheDemoPlatformAResetWouldRemove()
    {
        await using var host = await GatewayHost.StartAsync(Yaml("https://alpha.example.test/v1"), Environment);
        using var admin = host.CreateClient();

        var drift = await DriftAsync(admin);

        Assert.False(drift.GetProperty("in_sync").GetBoolean());
        Assert.Equal("platforms.yaml", drift.GetProperty("config_file").GetString());
        var platform = Assert.Single(drift.GetProperty("platforms").EnumerateArray());
        Assert.Equal(("demo", "removed"), (platform.GetProperty("name").GetString(), platform.GetProperty("change").GetString()));
        Assert.Equal(["demo", "demo-embedding"], platform.GetProperty("models").EnumerateArray().Select(m => m.GetProperty("name").GetString()).Order());
        Assert.Empty(drift.GetProperty("catalog").EnumerateArray());
        var summary = drift.GetProperty("summary");
        Assert.Equal((1, 0, 0, 0), (summary.GetProperty("platforms_removed").GetInt32(), summary.GetProperty("platforms_changed").GetInt32(), summary.GetProperty("keys_changed").GetInt32(), summary.GetProperty("catalog_changed").GetInt32()));

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("api/ai/admin/reload-from-yaml", null)).StatusCode);
        var after = await DriftAsync(admin);
        Assert.True(after.GetProperty("in_sync").GetBoolean(), after.GetRawText());
    }

    [Fact]
    public async Task ChangesThroughTheApi_AreListedAsWhatAResetUndoes_KeysMaskedByTheirSecret_ThenTheResetClearsThem()
    {
        await using var host = await GatewayHost.StartAsync(Yaml("https://alpha.example.test/v1"), Environment);
        using var admin = host.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("api/ai/admin/reload-from-yaml", null)).StatusCode);
        var keys = await KeysAsync(admin, "alpha");
        var envKey = keys.Single(k => k.GetProperty("masked").GetString() == "sk-a…0001").GetProperty("id").GetInt64();
        var plainKey = keys.Single(k => k.GetProperty("masked").GetString() == "sk-a…0002").GetProperty("id").GetInt64();

        (await admin.PatchAsJsonAsync($"api/admin/platform-keys/{envKey}", new { weight = 5, status = "disabled" })).EnsureSuccessStatusCode();
        (await admin.DeleteAsync($"api/admin/platform-keys/{plainKey}")).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync("api/ai/admin/sys-platform/api-key", new { platform = "alpha", api_key = "sk-added-through-api-0003" })).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync("api/ai/admin/sys-platform", new { name = "alpha", base_url = "https://alpha.example.test/v2" })).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync("api/ai/admin/sys-platform", new { name = "gamma", kind = "openai", base_url = "https://gamma.example.test/v1" })).EnsureSuccessStatusCode();
        (await admin.DeleteAsync("api/ai/admin/sys-platform?name=beta")).EnsureSuccessStatusCode();
        var prices = new StringContent("""{"gpt-x": {"input_cost_per_token": 0.000005, "output_cost_per_token": 0.00001, "litellm_provider": "openai", "mode": "chat"}}""", System.Text.Encoding.UTF8, "application/json");
        (await admin.PostAsync("api/admin/prices/import?dry_run=false", prices)).EnsureSuccessStatusCode();
        (await admin.PatchAsJsonAsync("api/admin/catalog", new { ids = new[] { "fast" }, user_input_price = 9 })).EnsureSuccessStatusCode();

        var response = await admin.GetAsync("api/admin/config/drift");
        var text = await response.Content.ReadAsStringAsync();
        foreach (var secret in new[] { EnvSecret, PlainSecret, HeaderSecret, "sk-added-through-api-0003" })
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }

        var drift = JsonDocument.Parse(text).RootElement;
        var platforms = drift.GetProperty("platforms").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!);
        Assert.Equal(["alpha", "beta", "gamma"], platforms.Keys.Order());
        Assert.Equal("added", platforms["beta"].GetProperty("change").GetString());
        Assert.Equal("removed", platforms["gamma"].GetProperty("change").GetString());

        var alpha = platforms["alpha"];
        Assert.Equal("changed", alpha.GetProperty("change").GetString());
        Assert.False(alpha.GetProperty("host_changed").GetBoolean());
        var baseUrl = Assert.Single(alpha.GetProperty("fields").EnumerateArray());
        Assert.Equal(("base_url", "https://alpha.example.test/v2", "https://alpha.example.test/v1"), (baseUrl.GetProperty("field").GetString(), baseUrl.GetProperty("database").GetString(), baseUrl.GetProperty("file").GetString()));

        var model = Assert.Single(alpha.GetProperty("models").EnumerateArray());
        Assert.Equal(("m1", "changed"), (model.GetProperty("name").GetString(), model.GetProperty("change").GetString()));
        var price = model.GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("field").GetString() == "input_price");
        Assert.Equal((5m, 2m), (price.GetProperty("database").GetDecimal(), price.GetProperty("file").GetDecimal()));

        var keyDrift = alpha.GetProperty("keys").EnumerateArray().ToDictionary(k => k.GetProperty("masked").GetString()!);
        Assert.Equal(["sk-a…0001", "sk-a…0002", "sk-a…0003"], keyDrift.Keys.Order());
        Assert.Equal("changed", keyDrift["sk-a…0001"].GetProperty("change").GetString());
        Assert.Equal(["status", "weight"], keyDrift["sk-a…0001"].GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("field").GetString()).Order());
        Assert.Equal("added", keyDrift["sk-a…0002"].GetProperty("change").GetString());
        Assert.Equal("removed", keyDrift["sk-a…0003"].GetProperty("change").GetString());

        var catalog = Assert.Single(drift.GetProperty("catalog").EnumerateArray());
        Assert.Equal(("fast", "changed"), (catalog.GetProperty("id").GetString(), catalog.GetProperty("change").GetString()));
        var summary = drift.GetProperty("summary");
        // Two keys to add: the one removed from alpha, and beta's, which went with its platform.
        Assert.Equal((1, 1, 1, 2, 1, 1, 1), (
            summary.GetProperty("platforms_added").GetInt32(), summary.GetProperty("platforms_removed").GetInt32(), summary.GetProperty("platforms_changed").GetInt32(),
            summary.GetProperty("keys_added").GetInt32(), summary.GetProperty("keys_removed").GetInt32(), summary.GetProperty("keys_changed").GetInt32(), summary.GetProperty("catalog_changed").GetInt32()));

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("api/ai/admin/reload-from-yaml", null)).StatusCode);
        var after = await DriftAsync(admin);
        Assert.True(after.GetProperty("in_sync").GetBoolean(), after.GetRawText());
    }

    [Fact]
    public async Task FileMovesAPlatformToAnotherHost_CountsTheUsersKeysAResetDrops_AndHeadersShowMasked()
    {
        await using var host = await GatewayHost.StartAsync(Yaml("https://alpha.example.test/v1"), Environment);
        using var admin = host.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("api/ai/admin/reload-from-yaml", null)).StatusCode);
        var data = await host.Services.GetRequiredService<ISwitchboardStore>().LoadAsync(CancellationToken.None);
        var alphaId = data.Platforms.Single(p => p.Name == "alpha").Id;
        await host.Services.GetRequiredService<ITenancyStore>().SetUserPlatformKeyAsync(alphaId, "user_1", "ENC:v1:not-opened-here", "sk-u…0009", CancellationToken.None);

        // The report reads the file on every call, so an edited file shows at once.
        await File.WriteAllTextAsync(Path.Combine(host.DataDirectory, "platforms.yaml"), Yaml("https://elsewhere.example.test/v1").Replace(HeaderSecret, "another-header-secret-987654321", StringComparison.Ordinal));
        var text = await admin.GetStringAsync("api/admin/config/drift");
        Assert.DoesNotContain(HeaderSecret, text, StringComparison.Ordinal);
        Assert.DoesNotContain("another-header-secret-987654321", text, StringComparison.Ordinal);

        var alpha = JsonDocument.Parse(text).RootElement.GetProperty("platforms").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "alpha");
        Assert.True(alpha.GetProperty("host_changed").GetBoolean());
        Assert.Equal(1, alpha.GetProperty("users_keys_dropped").GetInt32());
        var headers = alpha.GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("field").GetString() == "headers");
        Assert.Equal(("head…6789", "anot…4321"), (headers.GetProperty("database").GetProperty("X-Team").GetString(), headers.GetProperty("file").GetProperty("X-Team").GetString()));

        var reset = await (await admin.PostAsync("api/ai/admin/reload-from-yaml", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, reset.GetProperty("users_keys_dropped").GetInt32());
        Assert.True((await DriftAsync(admin)).GetProperty("in_sync").GetBoolean());
    }

    [Fact]
    public async Task NoFile_BrokenFile_AndUserKeys_AreRefusedInTheErrorShape()
    {
        await using (var bare = await GatewayHost.StartAsync())
        {
            using var client = bare.CreateClient();
            var refused = await client.GetAsync("api/admin/config/drift");
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal("no_config_file", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetProperty("code").GetString());
        }

        await using var host = await GatewayHost.StartAsync(Yaml("https://alpha.example.test/v1"), Environment);
        using var admin = host.CreateClient();
        var created = await (await admin.PostAsJsonAsync("api/admin/keys", new { user_id = "user_1" })).Content.ReadFromJsonAsync<JsonElement>();
        using var user = host.CreateClient(created.GetProperty("key").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await user.GetAsync("api/admin/config/drift")).StatusCode);

        await File.WriteAllTextAsync(Path.Combine(host.DataDirectory, "platforms.yaml"), "platforms:\n  alpha:\n    base_url: https://a.example.test\n    models: { m: { input_price: cheap, model_name: m } }\n");
        var broken = await admin.GetAsync("api/admin/config/drift");
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        var error = (await broken.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error");
        Assert.Equal("invalid_config_file", error.GetProperty("code").GetString());
        Assert.Contains("platforms.yaml:4:", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private static string Yaml(string alphaUrl) => $$"""
        platforms:
          alpha:
            kind: openai
            base_url: {{alphaUrl}}
            headers: { X-Team: {{HeaderSecret}} }
            extra_body: { temperature: 0.5, top_p: 1.0 }
            keys:
              - { key: '{ALPHA_KEY}', weight: 2, label: env }
              - { key: {{PlainSecret}}, priority: 1, quota: { tokens: 1000, cost: 2.50, period: day } }
            models:
              m1: { model_name: gpt-x, input_price: 2, output_price: 8.0, capabilities: [tools, vision] }
              m2: { model_name: gpt-y, extra_body: { enable_thinking: false } }
          beta:
            preset: deepseek
            api_key: sk-beta-key-000000000004
            models: { deepseek-chat: deepseek-chat }
        catalog:
          fast:
            strategy: latency
            tags: [fast, 中文]
            user_input_price: 1.0
            user_output_price: 3
            sources:
              - { platform: alpha, model: m1, priority: 0 }
              - { platform: beta, model: deepseek-chat, priority: 1, weight: 2 }
        """;

    private static async Task<JsonElement> DriftAsync(HttpClient client)
    {
        var response = await client.GetAsync("api/admin/config/drift");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<List<JsonElement>> KeysAsync(HttpClient client, string platform) =>
        [.. (await client.GetFromJsonAsync<JsonElement>($"api/admin/platform-keys?platform={platform}")).GetProperty("data").EnumerateArray()];
}
