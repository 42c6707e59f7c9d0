using System.Net;
using System.Text.Json;
using Switchboard.Abstractions.Tenancy;
using Switchboard.Server.Tests.Tenancy;

namespace Switchboard.Server.Tests.Spend;

/// <summary>Spend against budget comes from the limit counters that enforce budgets: admins see every budget, a key its own.</summary>
public sealed class SpendTests
{
    // The priced catalog charges $1 per 1M output tokens and nothing for input: a request with max_tokens 7 settles $0.000007.
    [Fact]
    public async Task AdminSpend_ShowsEachBudgetWithWhatIsSpent_AndTheCallerSeesOnlyTheirOwn()
    {
        await using var fixture = await TenancyFixture.StartAsync("multi-fixed", new Dictionary<string, string?> { ["Switchboard:Tenancy:AutoKey"] = "true" }, TenancyLimitTests.PricedCatalog);
        await fixture.SaveUserAsync("spender", limits: new LimitSettings { Budget = 1m, BudgetPeriod = BudgetPeriod.Day });
        var (spender, _) = await fixture.UserClientAsync("spender");
        using var admin = fixture.AdminClient();
        var budgeted = (await admin.SendJsonAsync(HttpMethod.Post, "api/admin/keys", new { name = "budgeted", user_id = "other", budget = 0.5m, budget_period = "month" }))
            .AssertStatus(HttpStatusCode.Created).Json;
        var budgetedId = budgeted.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
        (await admin.SendJsonAsync(HttpMethod.Post, "api/admin/keys", new { name = "unbudgeted", user_id = "other", rpm = 100 })).AssertStatus(HttpStatusCode.Created);

        Assert.Equal(HttpStatusCode.OK, (await TenancyFixture.ChatAsync(spender, "priced", maxTokens: 7)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await TenancyFixture.ChatAsync(spender, "priced", maxTokens: 7)).StatusCode);

        var all = (await admin.GetJsonAsync("api/admin/spend")).AssertStatus(HttpStatusCode.OK).Json.GetProperty("data");
        var user = Single(all, "user", "spender");
        Assert.Equal(1m, user.GetProperty("budget").GetDecimal());
        Assert.Equal("day", user.GetProperty("budget_period").GetString());
        Assert.Equal(0.000014m, user.GetProperty("spent").GetDecimal());
        Assert.Equal(0m, user.GetProperty("reserved").GetDecimal());
        Assert.Equal(0.999986m, user.GetProperty("remaining").GetDecimal());
        var start = user.GetProperty("window_start").GetDateTimeOffset();
        Assert.Equal(TimeSpan.FromDays(1), user.GetProperty("window_end").GetDateTimeOffset() - start);
        Assert.Equal(DateTimeOffset.UtcNow.Date, start.UtcDateTime.Date);

        var key = Single(all, "key", budgetedId);
        Assert.Equal("budgeted", key.GetProperty("name").GetString());
        Assert.Equal(0m, key.GetProperty("spent").GetDecimal());
        Assert.Equal("month", key.GetProperty("budget_period").GetString());
        // A key with limits but no budget has nothing to spend against, and the listing never carries a secret.
        Assert.DoesNotContain(all.EnumerateArray(), e => e.GetProperty("name").GetString() == "unbudgeted");
        Assert.DoesNotContain(budgeted.GetProperty("key").GetString()!, (await admin.GetJsonAsync("api/admin/spend")).Raw, StringComparison.Ordinal);

        var own = (await spender.GetJsonAsync("api/v1/status/budget")).AssertStatus(HttpStatusCode.OK).Json.GetProperty("data");
        Assert.Equal(0.000014m, Single(own, "user", "spender").GetProperty("spent").GetDecimal());
        Assert.Equal(1, own.GetArrayLength());
        (await spender.GetJsonAsync("api/admin/spend")).AssertError(HttpStatusCode.Forbidden, "forbidden");

        // A revoked key's budget is gone from the listing.
        (await admin.SendJsonAsync(HttpMethod.Delete, $"api/admin/keys/{budgetedId}")).AssertStatus(HttpStatusCode.NoContent);
        Assert.DoesNotContain((await admin.GetJsonAsync("api/admin/spend")).Json.GetProperty("data").EnumerateArray(), e => e.GetProperty("scope").GetString() == "key" && e.GetProperty("id").GetString() == budgetedId);
    }

    [Fact]
    public async Task OwnBudget_OfAKeyWithABudget_CountsThatKeysSpend()
    {
        await using var fixture = await TenancyFixture.StartAsync("single", extraYaml: TenancyLimitTests.PricedCatalog);
        using var admin = fixture.AdminClient();
        var created = (await admin.SendJsonAsync(HttpMethod.Post, "api/admin/keys", new { name = "limited", budget = 2m, budget_period = "total" })).AssertStatus(HttpStatusCode.Created).Json;
        using var client = fixture.Host.CreateClient(created.GetProperty("key").GetString());
        Assert.Equal(HttpStatusCode.OK, (await TenancyFixture.ChatAsync(client, "priced", maxTokens: 7)).StatusCode);

        var own = (await client.GetJsonAsync("api/v1/status/budget")).AssertStatus(HttpStatusCode.OK).Json.GetProperty("data");
        var entry = Assert.Single(own.EnumerateArray());
        Assert.Equal("key", entry.GetProperty("scope").GetString());
        Assert.Equal("total", entry.GetProperty("budget_period").GetString());
        Assert.Equal(JsonValueKind.Null, entry.GetProperty("window_end").ValueKind);
        Assert.Equal(0.000007m, entry.GetProperty("spent").GetDecimal());
        Assert.Equal(1.999993m, entry.GetProperty("remaining").GetDecimal());
    }

    private static JsonElement Single(JsonElement data, string scope, string id) =>
        data.EnumerateArray().Single(e => e.GetProperty("scope").GetString() == scope && e.GetProperty("id").GetString() == id);
}
