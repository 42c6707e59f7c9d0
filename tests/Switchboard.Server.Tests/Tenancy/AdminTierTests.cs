using System.Net;
using System.Text.Json;
using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests.Tenancy;

/// <summary>Checks the admin REST routes for tier rules, the tenancy mode and AutoKey, and the dispatcher query.</summary>
public sealed class AdminTierTests : AdminTenancyTestBase
{
    [Fact]
    public async Task TenancySettings_GetAndSetModeAndAutoKey()
    {
        var initial = (await Admin.GetJsonAsync("api/admin/tenancy")).AssertStatus(HttpStatusCode.OK).Json;
        Assert.Equal("single", initial.GetProperty("mode").GetString());
        Assert.False(initial.GetProperty("auto_key").GetBoolean());

        var set = (await Admin.SendJsonAsync(HttpMethod.Put, "api/admin/tenancy", new { mode = "multi_fixed" })).AssertStatus(HttpStatusCode.OK).Json;
        Assert.Equal(("multi-fixed", false), (set.GetProperty("mode").GetString(), set.GetProperty("auto_key").GetBoolean()));
        set = (await Admin.SendJsonAsync(HttpMethod.Put, "api/admin/tenancy", new { auto_key = true })).AssertStatus(HttpStatusCode.OK).Json;
        Assert.Equal(("multi-fixed", true), (set.GetProperty("mode").GetString(), set.GetProperty("auto_key").GetBoolean()));
        var read = (await Admin.GetJsonAsync("api/admin/tenancy")).Json;
        Assert.Equal(("multi-fixed", true), (read.GetProperty("mode").GetString(), read.GetProperty("auto_key").GetBoolean()));

        (await Admin.SendJsonAsync(HttpMethod.Put, "api/admin/tenancy", new { mode = "chaos" })).AssertError(HttpStatusCode.BadRequest, "invalid_value", "mode");
        (await Admin.SendJsonAsync(HttpMethod.Put, "api/admin/tenancy", new { })).AssertError(HttpStatusCode.BadRequest, "missing_field");
        (await Admin.SendRawAsync(HttpMethod.Put, "api/admin/tenancy", """{"auto_key":"yes"}""")).AssertError(HttpStatusCode.BadRequest, "invalid_type", "auto_key");
        (await Admin.SendRawAsync(HttpMethod.Put, "api/admin/tenancy", "mode=single", "application/x-www-form-urlencoded")).AssertError(HttpStatusCode.UnsupportedMediaType);
        await Admin.SetModeAsync("single", autoKey: false);
    }

    [Fact]
    public async Task Tiers_ListBuiltIns_StoreARule_AndTheRuleLimitsItsUsers()
    {
        var tiers = (await Admin.GetJsonAsync("api/admin/tiers")).AssertStatus(HttpStatusCode.OK).Json.GetProperty("data");
        foreach (var name in new[] { "admin", "pro", "free" })
        {
            var builtIn = tiers.Find("tier", name);
            Assert.True(builtIn.GetProperty("built_in").GetBoolean());
            Assert.Equal("demo", builtIn.GetProperty("slots").GetProperty("main").GetString());
            Assert.Equal(JsonValueKind.Array, builtIn.GetProperty("models").ValueKind);
            Assert.Equal(JsonValueKind.Array, builtIn.GetProperty("tags").ValueKind);
            Assert.Equal(JsonValueKind.Array, builtIn.GetProperty("includes_tiers").ValueKind);
            Assert.True(builtIn.TryGetProperty("server_keys", out _));
        }

        Assert.Equal("free", tiers.Find("tier", "pro").GetProperty("includes_tiers")[0].GetString());

        var stored = (await Admin.SendRawAsync(HttpMethod.Put, "api/admin/tiers/basic", """{"slots":{"main":"demo","fast":"demo"},"models":["demo"],"server_keys":false}"""))
            .AssertStatus(HttpStatusCode.OK).Json;
        Assert.Equal("basic", stored.GetProperty("tier").GetString());
        Assert.False(stored.GetProperty("built_in").GetBoolean());
        Assert.Equal("demo", Assert.Single(stored.GetProperty("models").EnumerateArray()).GetString());
        Assert.False(stored.GetProperty("server_keys").GetBoolean());
        Assert.False((await Admin.GetJsonAsync("api/admin/tiers/basic")).AssertStatus(HttpStatusCode.OK).Json.GetProperty("built_in").GetBoolean());
        Assert.Contains("basic", (await Admin.GetJsonAsync("api/admin/tiers")).Json.GetProperty("data").EnumerateArray().Select(t => t.GetProperty("tier").GetString()));

        // The rule decides what its users may pick and call.
        await Admin.SetModeAsync("multi-fixed");
        (await Admin.SendJsonAsync(HttpMethod.Put, "api/admin/users/t_basic", new { tier = "basic" })).AssertStatus(HttpStatusCode.Created);
        using var user = await Host.UserClientAsync(Admin, "t_basic");
        var pickable = (await user.GetJsonAsync("api/ai/platform-models")).Json.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("display_name").GetString()).ToList();
        Assert.DoesNotContain("demo-alt", pickable);
        (await user.SendJsonAsync(HttpMethod.Post, "api/ai/user-selection", new { model = "demo-alt" })).AssertError(HttpStatusCode.Forbidden, "model_not_allowed");
        (await user.SendJsonAsync(HttpMethod.Post, "api/ai/user-selection", new { model = "demo" })).AssertStatus(HttpStatusCode.OK);
        (await user.ChatAsync("demo-alt")).AssertError(HttpStatusCode.Forbidden, "model_not_allowed");
        (await user.ChatAsync("demo")).AssertStatus(HttpStatusCode.OK);

        (await Admin.SendRawAsync(HttpMethod.Put, "api/admin/tiers/basic", """{"models":"demo"}""")).AssertError(HttpStatusCode.BadRequest, "invalid_rule");
        (await Admin.SendRawAsync(HttpMethod.Put, "api/admin/tiers/basic", """{"server_keys":"maybe"}""")).AssertError(HttpStatusCode.BadRequest, "invalid_rule");
        (await Admin.SendRawAsync(HttpMethod.Put, "api/admin/tiers/basic", "{\"slots\":")).AssertError(HttpStatusCode.BadRequest, "invalid_json");
        (await Admin.SendRawAsync(HttpMethod.Put, "api/admin/tiers/basic", "")).AssertError(HttpStatusCode.BadRequest, "missing_body");
        (await Admin.SendRawAsync(HttpMethod.Put, "api/admin/tiers/basic", "[]")).AssertError(HttpStatusCode.BadRequest, "invalid_json");
        (await Admin.SendRawAsync(HttpMethod.Put, "api/admin/tiers/bad%20tier!", "{}")).AssertError(HttpStatusCode.BadRequest, param: "tier");
        (await Admin.GetJsonAsync("api/admin/tiers/nope")).AssertError(HttpStatusCode.NotFound);
        // The bad edits changed nothing.
        Assert.Equal("demo", Assert.Single((await Admin.GetJsonAsync("api/admin/tiers/basic")).Json.GetProperty("models").EnumerateArray()).GetString());
        await Admin.SetModeAsync("single");
    }

    [Fact]
    public async Task Dispatch_ResolvesModelPlatformAndKeySourcePerUser()
    {
        await Admin.SetModeAsync("multi-fixed");
        (await Admin.SendJsonAsync(HttpMethod.Put, "api/admin/users/d_free", new { tier = "free" })).AssertStatus(HttpStatusCode.Created);
        (await Admin.SendJsonAsync(HttpMethod.Put, "api/admin/users/d_pro", new { tier = "pro" })).AssertStatus(HttpStatusCode.Created);
        (await Admin.SendJsonAsync(HttpMethod.Put, "api/admin/users/d_pro/slots/fast", new { model = "demo-alt" })).AssertStatus(HttpStatusCode.OK);

        var data = (await Admin.GetJsonAsync("api/admin/dispatch?user_id=d_free&user_id=d_pro&usage_key=main")).AssertStatus(HttpStatusCode.OK).Json.GetProperty("data");
        Assert.Equal(2, data.GetArrayLength());
        var free = data.Find("user_id", "d_free");
        Assert.Equal(("free", "user", "main", "demo", "demo"), (free.GetProperty("tier").GetString(), free.GetProperty("role").GetString(), free.GetProperty("usage_key").GetString(), free.GetProperty("model").GetString(), free.GetProperty("platform").GetString()));
        Assert.Equal("none_needed", free.GetProperty("key_source").GetString());
        Assert.Equal(JsonValueKind.Null, free.GetProperty("error").ValueKind);
        Assert.Equal("pro", data.Find("user_id", "d_pro").GetProperty("tier").GetString());

        var fast = (await Admin.SendJsonAsync(HttpMethod.Post, "api/admin/dispatch", new { user_ids = new[] { "d_pro" }, usage_key = "fast" })).AssertStatus(HttpStatusCode.OK).Json.GetProperty("data");
        var pro = Assert.Single(fast.EnumerateArray());
        Assert.Equal(("demo-alt", "alt"), (pro.GetProperty("model").GetString(), pro.GetProperty("platform").GetString()));
        Assert.Equal(2, (await Admin.GetJsonAsync("api/admin/dispatch?user_ids=d_free,d_pro")).AssertStatus(HttpStatusCode.OK).Json.GetProperty("data").GetArrayLength());

        (await Admin.GetJsonAsync("api/admin/dispatch")).AssertError(HttpStatusCode.BadRequest, "missing_field", "user_ids");
        (await Admin.SendJsonAsync(HttpMethod.Post, "api/admin/dispatch", new { })).AssertError(HttpStatusCode.BadRequest, "missing_field", "user_ids");
        (await Admin.SendRawAsync(HttpMethod.Post, "api/admin/dispatch", """{"user_ids":"d_free"}""")).AssertError(HttpStatusCode.BadRequest, "invalid_type", "user_ids");
        (await Admin.SendJsonAsync(HttpMethod.Post, "api/admin/dispatch", new { user_ids = new[] { "d_free" }, usage_key = "bad key!" })).AssertError(HttpStatusCode.BadRequest, "invalid_value", "usage_key");
        await Admin.SetModeAsync("single");
    }
}
