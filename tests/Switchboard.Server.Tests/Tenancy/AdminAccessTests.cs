using System.Net;
using System.Text.Json;
using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests.Tenancy;

/// <summary>Checks that the tenancy admin routes are admin-only, that virtual keys carry their allowlist and limits, and that the routes are documented.</summary>
public sealed class AdminAccessTests : AdminTenancyTestBase
{
    [Fact]
    public async Task UserKey_OnTenancyAdminRoutes_Gets403()
    {
        await Admin.SetModeAsync("multi-fixed");
        using var user = await Host.UserClientAsync(Admin, "acc_user");
        var calls = new (HttpMethod Method, string Path, object? Body)[]
        {
            (HttpMethod.Get, "api/admin/users", null),
            (HttpMethod.Put, "api/admin/users/acc_user", new { role = "admin" }),
            (HttpMethod.Get, "api/admin/users/acc_user/slots", null),
            (HttpMethod.Get, "api/admin/tiers", null),
            (HttpMethod.Put, "api/admin/tiers/free", new { models = new[] { "x" } }),
            (HttpMethod.Get, "api/admin/tenancy", null),
            (HttpMethod.Put, "api/admin/tenancy", new { mode = "single" }),
            (HttpMethod.Get, "api/admin/dispatch?user_id=acc_user", null),
            (HttpMethod.Put, "api/admin/keys/1", new { rpm = 1 }),
            (HttpMethod.Get, "api/ai/admin/sys-platforms", null),
        };
        foreach (var (method, path, body) in calls)
        {
            var response = (await user.SendJsonAsync(method, path, body)).AssertError(HttpStatusCode.Forbidden);
            Assert.Equal("permission_error", response.Json.GetProperty("error").GetProperty("type").GetString());
        }

        // Nothing changed: the user is still not an admin and the mode is unchanged.
        Assert.Equal("multi-fixed", (await Admin.GetJsonAsync("api/admin/tenancy")).Json.GetProperty("mode").GetString());
        (await Admin.GetJsonAsync("api/admin/users/acc_user")).AssertStatus(HttpStatusCode.NotFound);

        // An admin user's own key may use them.
        (await Admin.SendJsonAsync(HttpMethod.Put, "api/admin/users/acc_admin", new { role = "admin" })).AssertStatus(HttpStatusCode.Created);
        using var admin2 = await Host.UserClientAsync(Admin, "acc_admin");
        (await admin2.GetJsonAsync("api/admin/users")).AssertStatus(HttpStatusCode.OK);
        await Admin.SetModeAsync("single");
    }

    [Fact]
    public async Task VirtualKey_AllowlistAndLimits_AreStoredShownAndEnforced()
    {
        await Admin.SetModeAsync("multi-fixed");
        var created = (await Admin.SendJsonAsync(HttpMethod.Post, "api/admin/keys", new
        {
            user_id = "vk_user",
            allowed_models = new[] { "demo" },
            budget = 5.25m,
            budget_period = "day",
            rpm = 100,
            tpm = 100000,
            max_parallel = 3,
        })).AssertStatus(HttpStatusCode.Created).Json;
        var id = created.GetProperty("id").GetInt64();
        Assert.Equal("demo", Assert.Single(created.GetProperty("allowed_models").EnumerateArray()).GetString());
        Assert.Equal(5.25m, created.GetProperty("budget").GetDecimal());
        Assert.Equal("day", created.GetProperty("budget_period").GetString());
        Assert.Equal((100, 100000L, 3), (created.GetProperty("rpm").GetInt32(), created.GetProperty("tpm").GetInt64(), created.GetProperty("max_parallel").GetInt32()));

        var listed = (await Admin.GetJsonAsync("api/admin/keys")).Json.GetProperty("data").EnumerateArray().Single(k => k.GetProperty("id").GetInt64() == id);
        Assert.Equal("demo", Assert.Single(listed.GetProperty("allowed_models").EnumerateArray()).GetString());
        Assert.Equal(5.25m, listed.GetProperty("budget").GetDecimal());
        Assert.Equal(3, listed.GetProperty("max_parallel").GetInt32());
        Assert.False(listed.TryGetProperty("key", out _));

        using var user = Host.CreateClient(created.GetProperty("key").GetString());
        (await user.ChatAsync("demo")).AssertStatus(HttpStatusCode.OK);
        (await user.ChatAsync("demo-alt")).AssertError(HttpStatusCode.Forbidden, "model_not_allowed");
        (await user.SendJsonAsync(HttpMethod.Post, "api/ai/user-selection", new { model = "demo-alt" })).AssertError(HttpStatusCode.Forbidden, "model_not_allowed");

        var updated = (await Admin.SendRawAsync(HttpMethod.Put, $"api/admin/keys/{id}", """{"allowed_models":[],"rpm":null,"name":"renamed"}""")).AssertStatus(HttpStatusCode.OK).Json;
        Assert.Equal(0, updated.GetProperty("allowed_models").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, updated.GetProperty("rpm").ValueKind);
        Assert.Equal(5.25m, updated.GetProperty("budget").GetDecimal());
        Assert.Equal("renamed", updated.GetProperty("name").GetString());
        (await user.ChatAsync("demo-alt")).AssertStatus(HttpStatusCode.OK);

        (await Admin.SendJsonAsync(HttpMethod.Post, "api/admin/keys", new { rpm = 0 })).AssertError(HttpStatusCode.BadRequest, "invalid_value", "rpm");
        (await Admin.SendJsonAsync(HttpMethod.Post, "api/admin/keys", new { budget_period = "fortnight" })).AssertError(HttpStatusCode.BadRequest, "invalid_value", "budget_period");
        (await Admin.SendRawAsync(HttpMethod.Post, "api/admin/keys", """{"allowed_models":"demo"}""")).AssertError(HttpStatusCode.BadRequest, "invalid_type", "allowed_models");
        (await Admin.SendRawAsync(HttpMethod.Post, "api/admin/keys", """{"allowed_models":[""]}""")).AssertError(HttpStatusCode.BadRequest, "invalid_value", "allowed_models");
        (await Admin.SendRawAsync(HttpMethod.Post, "api/admin/keys", "{bad json")).AssertError(HttpStatusCode.BadRequest, "invalid_json");
        (await Admin.SendRawAsync(HttpMethod.Post, "api/admin/keys", """{"expires_at":"tomorrow"}""")).AssertError(HttpStatusCode.BadRequest, "invalid_type", "expires_at");
        (await Admin.SendJsonAsync(HttpMethod.Put, $"api/admin/keys/{id}", new { role = "admin" })).AssertError(HttpStatusCode.BadRequest, "immutable_field", "role");
        (await Admin.SendJsonAsync(HttpMethod.Put, "api/admin/keys/999999", new { rpm = 5 })).AssertError(HttpStatusCode.NotFound, "not_found");
        await Admin.SetModeAsync("single");
    }

    [Fact]
    public async Task OpenApiDocument_ListsTheTenancyRoutes()
    {
        using var client = Host.CreateClient();
        var paths = JsonDocument.Parse(await client.GetStringAsync("openapi/v1.json")).RootElement.GetProperty("paths");
        foreach (var path in new[]
        {
            "/api/ai/user-selection", "/api/ai/user-selection/usage", "/api/ai/platform-models", "/api/ai/platform", "/api/ai/platform/{id}",
            "/api/ai/model/{id}", "/api/ai/platform/{id}/api-key", "/api/ai/admin/sys-platforms", "/api/ai/admin/sys-platform",
            "/api/ai/admin/sys-platform/api-key", "/api/admin/users/{id}", "/api/admin/users/{id}/slots/{slot}", "/api/admin/tiers/{tier}",
            "/api/admin/dispatch", "/api/admin/keys/{id}",
        })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"OpenAPI document lacks {path}");
        }
    }
}
