using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests.Identity;

/// <summary>
/// Checks <c>GET /api/v1/status/me</c> over real HTTP: the admin key is the system admin without a virtual key; a user's
/// key shows its owner, role, its own key masked with its allowlist, budget and spend, and the user's record; the full key
/// never comes back; no key is a 401.
/// </summary>
public sealed class CallerRouteTests
{
    [Fact]
    public async Task Me_DescribesTheAdminKey_AndAUsersKeyMaskedWithItsBudgetAndSpend()
    {
        await using var host = await GatewayHost.StartAsync();
        using var admin = host.CreateClient();

        var me = await admin.GetFromJsonAsync<JsonElement>("api/v1/status/me");
        Assert.Equal(("-1", "admin", true), (me.GetProperty("user_id").GetString(), me.GetProperty("role").GetString(), me.GetProperty("is_admin").GetBoolean()));
        Assert.Equal(JsonValueKind.Null, me.GetProperty("key").ValueKind);
        Assert.False(string.IsNullOrEmpty(me.GetProperty("tenancy_mode").GetString()));

        (await admin.PutAsJsonAsync("api/admin/users/u-me", new { budget = 3, budget_period = "week", display_name = "Me" })).EnsureSuccessStatusCode();
        var created = JsonDocument.Parse(await (await admin.PostAsJsonAsync("api/admin/keys", new { name = "mine", user_id = "u-me", allowed_models = new[] { "demo" }, budget = 2, budget_period = "day", rpm = 30 })).Content.ReadAsStringAsync()).RootElement;
        var secret = created.GetProperty("key").GetString()!;
        using var user = host.CreateClient(secret);

        var response = await user.GetAsync("api/v1/status/me");
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        var mine = JsonDocument.Parse(text).RootElement;
        Assert.Equal(("u-me", "user", false), (mine.GetProperty("user_id").GetString(), mine.GetProperty("role").GetString(), mine.GetProperty("is_admin").GetBoolean()));
        var key = mine.GetProperty("key");
        Assert.Equal(created.GetProperty("id").GetInt64(), key.GetProperty("id").GetInt64());
        Assert.Equal(created.GetProperty("masked").GetString(), key.GetProperty("masked").GetString());
        Assert.Equal(["demo"], key.GetProperty("allowed_models").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal((2m, "day", 30), (key.GetProperty("budget").GetDecimal(), key.GetProperty("budget_period").GetString(), key.GetProperty("rpm").GetInt32()));
        var spend = key.GetProperty("spend");
        Assert.Equal((0m, 2m), (spend.GetProperty("spent").GetDecimal(), spend.GetProperty("remaining").GetDecimal()));
        var today = DateTimeOffset.UtcNow.UtcDateTime.Date;
        Assert.Equal(new DateTimeOffset(today, TimeSpan.Zero), spend.GetProperty("window_start").GetDateTimeOffset());

        // In single mode a user's budget does not count (the limit gate skips it), so the user's record has no spend...
        var record = mine.GetProperty("user");
        Assert.Equal(("u-me", "Me"), (record.GetProperty("id").GetString(), record.GetProperty("display_name").GetString()));
        Assert.True(!record.TryGetProperty("spend", out var none) || none.ValueKind == JsonValueKind.Null, "a user's spend shown in single mode");

        // ...and in a multi-user mode it has.
        (await admin.PutAsJsonAsync("api/admin/tenancy", new { mode = "multi-fixed" })).EnsureSuccessStatusCode();
        var multi = (await user.GetFromJsonAsync<JsonElement>("api/v1/status/me")).GetProperty("user");
        Assert.Equal(3m, multi.GetProperty("spend").GetProperty("remaining").GetDecimal());
        var listed = (await admin.GetFromJsonAsync<JsonElement>("api/admin/users")).GetProperty("data").EnumerateArray().Single(u => u.GetProperty("id").GetString() == "u-me");
        Assert.Equal(3m, listed.GetProperty("spend").GetProperty("remaining").GetDecimal());
        (await admin.PutAsJsonAsync("api/admin/tenancy", new { mode = "single" })).EnsureSuccessStatusCode();
        listed = (await admin.GetFromJsonAsync<JsonElement>("api/admin/users")).GetProperty("data").EnumerateArray().Single(u => u.GetProperty("id").GetString() == "u-me");
        Assert.True(!listed.TryGetProperty("spend", out none) || none.ValueKind == JsonValueKind.Null, "a user's spend listed in single mode");

        // A total budget has a window that never ends.
        var total = JsonDocument.Parse(await (await admin.PostAsJsonAsync("api/admin/keys", new { name = "total", user_id = "u-me", budget = 2, budget_period = "total" })).Content.ReadAsStringAsync()).RootElement;
        using var totalClient = host.CreateClient(total.GetProperty("key").GetString());
        var totalSpend = (await totalClient.GetFromJsonAsync<JsonElement>("api/v1/status/me")).GetProperty("key").GetProperty("spend");
        Assert.Equal(JsonValueKind.Null, totalSpend.GetProperty("window_end").ValueKind);
        Assert.Equal(2m, totalSpend.GetProperty("remaining").GetDecimal());

        using var anonymous = host.CreateClient(key: null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("api/v1/status/me")).StatusCode);
    }
}
