using System.Net;
using System.Text.Json;
using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests.Presets;

/// <summary>
/// Checks <c>GET /api/admin/presets</c> over real HTTP: every built-in preset with its kind, base URL, the header its key is
/// sent in (as its kind and options decide) and its quirk options, the kinds with their default key header, admin only,
/// and no secret of the running configuration in the answer.
/// </summary>
public sealed class PresetRouteTests
{
    private const string Secret = "sk-preset-test-secret-0042";

    [Fact]
    public async Task Presets_ListEveryPresetWithKindBaseUrlKeyHeaderAndQuirks_AndTheKinds()
    {
        await using var host = await GatewayHost.StartAsync(
            $$"""
            platforms:
              alpha:
                preset: deepseek
                api_key: {{Secret}}
                models: { deepseek-chat: deepseek-chat }
            """);
        using var admin = host.CreateClient();

        var response = await admin.GetAsync("api/admin/presets");
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
        var root = JsonDocument.Parse(text).RootElement;

        var presets = root.GetProperty("presets").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!);
        Assert.Equal(presets.Keys.Order(StringComparer.Ordinal), presets.Keys);
        Assert.Contains("openai", presets.Keys);
        var deepseek = presets["deepseek"];
        Assert.Equal(("openai", "https://api.deepseek.com/v1", true), (deepseek.GetProperty("kind").GetString(), deepseek.GetProperty("base_url").GetString(), deepseek.GetProperty("requires_api_key").GetBoolean()));
        Assert.Equal("max_tokens", deepseek.GetProperty("options").GetProperty("max_tokens_field").GetString());
        Assert.Equal(("Authorization", "Bearer"), Header(deepseek));
        Assert.Equal(("x-api-key", ""), Header(presets["anthropic"]));
        Assert.Equal(("x-goog-api-key", ""), Header(presets["gemini"]));
        Assert.False(presets["ollama"].GetProperty("requires_api_key").GetBoolean());
        Assert.Empty(presets["openai"].GetProperty("options").EnumerateObject());

        var kinds = root.GetProperty("kinds").EnumerateArray().ToDictionary(k => k.GetProperty("name").GetString()!);
        Assert.Equal(["anthropic", "azure-openai", "demo", "gemini", "openai"], kinds.Keys);
        Assert.Equal(("api-key", ""), Header(kinds["azure-openai"]));
        Assert.Equal(("Authorization", "Bearer"), Header(kinds["openai"]));
        Assert.False(kinds["demo"].GetProperty("requires_api_key").GetBoolean());
        Assert.Equal(JsonValueKind.Null, kinds["demo"].GetProperty("key_header").ValueKind);
    }

    [Fact]
    public async Task Presets_AreAdminOnly()
    {
        await using var host = await GatewayHost.StartAsync();
        using var admin = host.CreateClient();
        var created = await admin.PostAsync("api/admin/keys", new StringContent("""{"name":"user"}""", System.Text.Encoding.UTF8, "application/json"));
        created.EnsureSuccessStatusCode();
        var userKey = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("key").GetString();
        using var user = host.CreateClient(userKey);
        using var anonymous = host.CreateClient(key: null);

        var forbidden = await user.GetAsync("api/admin/presets");
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal("forbidden", JsonDocument.Parse(await forbidden.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("api/admin/presets")).StatusCode);
    }

    private static (string?, string?) Header(JsonElement item)
    {
        var header = item.GetProperty("key_header");
        return (header.GetProperty("name").GetString(), header.GetProperty("scheme").GetString());
    }
}
