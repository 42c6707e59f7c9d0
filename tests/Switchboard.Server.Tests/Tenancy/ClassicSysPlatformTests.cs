using System.Net;
using System.Text.Json;
using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests.Tenancy;

/// <summary>Checks the classic admin routes for system platforms and their server keys.</summary>
public sealed class ClassicSysPlatformTests : AdminTenancyTestBase
{
    private const string FirstKey = "sk-sys-first-secret-0123456789abcdef";
    private const string SecondKey = "sk-sys-second-secret-fedcba9876543210";

    [Fact]
    public async Task SysPlatform_CreateListKeyUpdateDelete_ShowsKeysMaskedOnly()
    {
        var bodies = new List<string>();
        var created = (await Admin.SendJsonAsync(HttpMethod.Post, "api/ai/admin/sys-platform", new
        {
            name = "sys1",
            kind = "demo",
            base_url = "https://sys1.switchboard.invalid",
            api_key = FirstKey,
            models = new Dictionary<string, object> { ["sys-demo"] = "demo", ["sys-demo-2"] = new { model_name = "demo", extra_body = new { top_p = 0.5 } } },
        })).AssertStatus(HttpStatusCode.Created);
        bodies.Add(created.Raw);
        var id = created.Json.GetProperty("id").GetInt64();
        Assert.Equal(2, created.Json.GetProperty("models").GetArrayLength());

        var key = (await Admin.SendJsonAsync(HttpMethod.Post, "api/ai/admin/sys-platform/api-key", new { platform_name = "sys1", api_key = SecondKey, label = "backup", weight = 3 }))
            .AssertStatus(HttpStatusCode.Created);
        bodies.Add(key.Raw);
        Assert.True(key.Json.GetProperty("id").GetInt64() > 0);
        Assert.Equal(id, key.Json.GetProperty("platform_id").GetInt64());
        var masked = key.Json.GetProperty("masked").GetString()!;
        Assert.EndsWith("3210", masked);
        Assert.NotEqual(SecondKey, masked);

        var list = await Admin.GetJsonAsync("api/ai/admin/sys-platforms");
        bodies.Add(list.Raw);
        var sys1 = list.Json.GetProperty("data").Find("name", "sys1");
        Assert.Equal(id, sys1.GetProperty("id").GetInt64());
        Assert.Equal("demo", sys1.GetProperty("kind").GetString());
        Assert.Equal("https://sys1.switchboard.invalid", sys1.GetProperty("base_url").GetString());
        Assert.True(sys1.GetProperty("enabled").GetBoolean());
        Assert.Equal(JsonValueKind.Null, sys1.GetProperty("preset").ValueKind);
        var models = sys1.GetProperty("models");
        Assert.Equal("demo", models.Find("display_name", "sys-demo").GetProperty("model_name").GetString());
        Assert.True(models.Find("display_name", "sys-demo-2").GetProperty("id").GetInt64() > 0);
        var keys = sys1.GetProperty("keys").EnumerateArray().ToList();
        Assert.Equal(2, keys.Count);
        Assert.All(keys, k => Assert.Equal("active", k.GetProperty("status").GetString()));
        Assert.Contains(keys, k => k.GetProperty("masked").GetString() == masked && k.GetProperty("weight").GetInt32() == 3 && k.GetProperty("label").GetString() == "backup");
        Assert.Contains("demo", list.Json.GetProperty("data").EnumerateArray().Select(p => p.GetProperty("name").GetString()));

        // The new platform serves at once.
        (await Admin.ChatAsync("sys-demo")).AssertStatus(HttpStatusCode.OK);

        // A new host takes keys given for it, in the same request (KeyHostTests covers what reaches which host).
        (await Admin.SendJsonAsync(HttpMethod.Put, "api/ai/admin/sys-platform", new { id, base_url = "https://sys1b.switchboard.invalid", enabled = false }))
            .AssertError(HttpStatusCode.BadRequest, "api_key_required_for_new_host", "api_key");
        var updated = (await Admin.SendJsonAsync(HttpMethod.Put, "api/ai/admin/sys-platform", new { id, base_url = "https://sys1b.switchboard.invalid", enabled = false, api_keys = new[] { FirstKey, SecondKey } }))
            .AssertStatus(HttpStatusCode.OK).Json;
        bodies.Add(updated.GetRawText());
        Assert.False(updated.GetProperty("enabled").GetBoolean());
        Assert.Equal("https://sys1b.switchboard.invalid", updated.GetProperty("base_url").GetString());
        sys1 = (await Admin.GetJsonAsync("api/ai/admin/sys-platforms")).Json.GetProperty("data").Find("name", "sys1");
        Assert.False(sys1.GetProperty("enabled").GetBoolean());
        (await Admin.SendJsonAsync(HttpMethod.Put, "api/ai/admin/sys-platform", new { name = "sys1", enabled = true })).AssertStatus(HttpStatusCode.OK);
        Assert.True((await Admin.GetJsonAsync("api/ai/admin/sys-platforms")).Json.GetProperty("data").Find("name", "sys1").GetProperty("enabled").GetBoolean());
        // Keys are sealed under the platform name, so a platform with keys keeps its name.
        (await Admin.SendJsonAsync(HttpMethod.Put, "api/ai/admin/sys-platform", new { id, name = "renamed" })).AssertError(HttpStatusCode.BadRequest, "rename_not_supported");

        (await Admin.SendJsonAsync(HttpMethod.Delete, "api/ai/admin/sys-platform?name=sys1")).AssertStatus(HttpStatusCode.OK);
        Assert.DoesNotContain("sys1", (await Admin.GetJsonAsync("api/ai/admin/sys-platforms")).Raw);
        (await Admin.ChatAsync("sys-demo")).AssertError(HttpStatusCode.NotFound, "model_not_found");
        (await Admin.SendJsonAsync(HttpMethod.Delete, $"api/ai/admin/sys-platform?id={id}")).AssertError(HttpStatusCode.NotFound, "not_found");

        foreach (var body in bodies)
        {
            Assert.DoesNotContain(FirstKey, body);
            Assert.DoesNotContain(SecondKey, body);
        }

        Assert.DoesNotContain(Host.Logs.Lines, line => line.Contains(FirstKey, StringComparison.Ordinal) || line.Contains(SecondKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SysPlatform_DeleteByBody_AndRenameWithoutKeys()
    {
        var id = (await Admin.SendJsonAsync(HttpMethod.Post, "api/ai/admin/sys-platform", new { name = "sys2", kind = "demo", base_url = "https://sys2.switchboard.invalid" }))
            .AssertStatus(HttpStatusCode.Created).Json.GetProperty("id").GetInt64();
        var renamed = (await Admin.SendJsonAsync(HttpMethod.Put, "api/ai/admin/sys-platform", new { name = "sys2", new_name = "sys2b" })).AssertStatus(HttpStatusCode.OK).Json;
        Assert.Equal(("sys2b", id), (renamed.GetProperty("name").GetString(), renamed.GetProperty("id").GetInt64()));

        (await Admin.SendJsonAsync(HttpMethod.Delete, "api/ai/admin/sys-platform", new { id })).AssertStatus(HttpStatusCode.OK);
        Assert.DoesNotContain("sys2b", (await Admin.GetJsonAsync("api/ai/admin/sys-platforms")).Raw);
    }

    [Fact]
    public async Task SysPlatform_BadRequests_Are4xxWithTheErrorShape()
    {
        (await Admin.SendJsonAsync(HttpMethod.Post, "api/ai/admin/sys-platform", new { })).AssertError(HttpStatusCode.BadRequest, "missing_field", "name");
        (await Admin.SendJsonAsync(HttpMethod.Post, "api/ai/admin/sys-platform", new { name = "x" })).AssertError(HttpStatusCode.BadRequest, "missing_field", "base_url");
        (await Admin.SendJsonAsync(HttpMethod.Post, "api/ai/admin/sys-platform", new { name = "x", base_url = "https://x.invalid", models = new[] { 1 } })).AssertError(HttpStatusCode.BadRequest, "invalid_value", "models");
        (await Admin.SendJsonAsync(HttpMethod.Post, "api/ai/admin/sys-platform", new { name = "x", base_url = "https://x.invalid", models = new { a = 5 } })).AssertError(HttpStatusCode.BadRequest, "invalid_value", "models");
        (await Admin.SendJsonAsync(HttpMethod.Post, "api/ai/admin/sys-platform", new { name = "demo", kind = "demo", base_url = "https://x.invalid" })).AssertError(HttpStatusCode.Conflict);
        (await Admin.SendRawAsync(HttpMethod.Post, "api/ai/admin/sys-platform", """{"name":"x","base_url":"https://x.invalid","enabled":"yes"}""")).AssertStatus(HttpStatusCode.Created);
        (await Admin.SendRawAsync(HttpMethod.Post, "api/ai/admin/sys-platform", """{"name":["x"]}""")).AssertError(HttpStatusCode.BadRequest, "invalid_type", "name");
        (await Admin.SendRawAsync(HttpMethod.Post, "api/ai/admin/sys-platform", "{oops")).AssertError(HttpStatusCode.BadRequest, "invalid_json");
        (await Admin.SendJsonAsync(HttpMethod.Put, "api/ai/admin/sys-platform", new { enabled = true })).AssertError(HttpStatusCode.BadRequest, "missing_field", "id");
        (await Admin.SendJsonAsync(HttpMethod.Put, "api/ai/admin/sys-platform", new { id = 999999, enabled = true })).AssertError(HttpStatusCode.NotFound, "not_found");
        (await Admin.SendJsonAsync(HttpMethod.Put, "api/ai/admin/sys-platform", new { name = "no-such-platform", enabled = true })).AssertError(HttpStatusCode.NotFound, "not_found");
        (await Admin.SendRawAsync(HttpMethod.Put, "api/ai/admin/sys-platform", """{"id":"seven"}""")).AssertError(HttpStatusCode.BadRequest, "invalid_type", "id");
        (await Admin.SendJsonAsync(HttpMethod.Delete, "api/ai/admin/sys-platform")).AssertError(HttpStatusCode.BadRequest, "missing_field", "id");
        (await Admin.SendJsonAsync(HttpMethod.Delete, "api/ai/admin/sys-platform?id=abc")).AssertError(HttpStatusCode.BadRequest, "invalid_value", "id");
        (await Admin.SendJsonAsync(HttpMethod.Post, "api/ai/admin/sys-platform/api-key", new { platform_name = "demo" })).AssertError(HttpStatusCode.BadRequest, "missing_field", "api_key");
        (await Admin.SendJsonAsync(HttpMethod.Post, "api/ai/admin/sys-platform/api-key", new { api_key = "sk-x-0123456789" })).AssertError(HttpStatusCode.BadRequest, "missing_field", "platform_id");
        (await Admin.SendJsonAsync(HttpMethod.Post, "api/ai/admin/sys-platform/api-key", new { platform_id = 999999, api_key = "sk-x-0123456789" })).AssertError(HttpStatusCode.NotFound, "not_found");
        (await Admin.SendJsonAsync(HttpMethod.Post, "api/ai/admin/sys-platform/api-key", new { platform = "demo", api_key = "sk-x-0123456789", weight = 0 })).AssertError(HttpStatusCode.BadRequest, "invalid_value", "weight");
        (await Admin.SendRawAsync(HttpMethod.Post, "api/ai/admin/sys-platform/api-key", """{"platform_id":1,"api_key":12345}""")).AssertError(HttpStatusCode.BadRequest, "invalid_type", "api_key");
    }

    [Fact]
    public async Task UserKey_OnSysPlatformRoutes_Gets403()
    {
        using var user = await Host.UserClientAsync(Admin, "not_admin");
        (await user.GetJsonAsync("api/ai/admin/sys-platforms")).AssertError(HttpStatusCode.Forbidden, param: null);
        (await user.SendJsonAsync(HttpMethod.Post, "api/ai/admin/sys-platform", new { name = "x", base_url = "https://x.invalid" })).AssertError(HttpStatusCode.Forbidden);
        (await user.SendJsonAsync(HttpMethod.Post, "api/ai/admin/sys-platform/api-key", new { platform = "demo", api_key = "sk-x-0123456789" })).AssertError(HttpStatusCode.Forbidden);
        Assert.Equal("permission_error", (await user.SendJsonAsync(HttpMethod.Delete, "api/ai/admin/sys-platform?name=demo")).Json.GetProperty("error").GetProperty("type").GetString());
    }
}
