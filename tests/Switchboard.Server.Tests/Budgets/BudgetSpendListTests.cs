using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Switchboard.Server.Tests.Infrastructure;
using Switchboard.Testing;

namespace Switchboard.Server.Tests.Budgets;

/// <summary>
/// Checks that the virtual keys list and the users list show spend against budget over real HTTP: after real priced
/// requests a key's and a user's spend equal the user price of their records, in their own budget window (a month for the
/// key, a day for the user, whose budget counts in the multi-user modes), with what is left, and items without a budget show no spend;
/// the caller's own <c>GET /api/v1/status/me</c> shows the same numbers; the lists carry no secret and refuse a user's key.
/// </summary>
public sealed class BudgetSpendListTests : IAsyncLifetime
{
    private FakeUpstream _upstream = null!;
    private GatewayHost _host = null!;

    public async Task InitializeAsync()
    {
        _upstream = await FakeUpstream.StartAsync();
        _upstream.Handler = (ctx, _) => FakeUpstream.Json(ctx, 200, OpenAIFakeResponses.Completion("ok", prompt: 1000, completion: 500));
        _host = await GatewayHost.StartAsync(PricedGateway.Yaml(_upstream.BaseUrl));
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _upstream.DisposeAsync();
    }

    [Fact]
    public async Task KeysAndUsersLists_ShowSpendAgainstBudgetInTheirWindow_AndNothingWithoutABudget()
    {
        using var admin = _host.CreateClient();
        // Users' budgets count in the multi-user modes; AutoKey lets users call the server's keys.
        (await admin.PutAsJsonAsync("api/admin/tenancy", new { mode = "multi-fixed", auto_key = true })).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync("api/admin/users/u-spend", new { budget = 5, budget_period = "day" })).EnsureSuccessStatusCode();
        var budgeted = await CreateKeyAsync(admin, new { name = "budgeted", user_id = "u-spend", budget = 10, budget_period = "month" });
        var unlimited = await CreateKeyAsync(admin, new { name = "unlimited", user_id = "u-free" });
        using var budgetedClient = _host.CreateClient(budgeted.Key);
        using var unlimitedClient = _host.CreateClient(unlimited.Key);
        for (var i = 0; i < 3; i++)
        {
            (await ChatAsync(budgetedClient)).EnsureSuccessStatusCode();
        }

        (await ChatAsync(unlimitedClient)).EnsureSuccessStatusCode();
        var records = await _host.FlushUsageAsync();
        var spent = records.Where(r => r.VirtualKeyId == budgeted.Id).Sum(r => r.UserPrice);
        Assert.True(spent > 0);

        // Settlement runs after the answer is sent; wait until every request is settled and nothing is held.
        var key = await Poll.UntilAsync(
            async () => (await admin.GetFromJsonAsync<JsonElement>("api/admin/keys")).GetProperty("data").EnumerateArray().Single(k => k.GetProperty("id").GetInt64() == budgeted.Id),
            k => k.GetProperty("spend").GetProperty("spent").GetDecimal() == spent && k.GetProperty("spend").GetProperty("reserved").GetDecimal() == 0);
        var spend = key.GetProperty("spend");
        Assert.Equal(spent, spend.GetProperty("spent").GetDecimal());
        Assert.Equal(10 - spent, spend.GetProperty("remaining").GetDecimal());
        Assert.Equal(Math.Round(spent / 10 * 100, 2), spend.GetProperty("used_percent").GetDecimal());
        var now = DateTimeOffset.UtcNow;
        var month = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal((month, month.AddMonths(1)), (spend.GetProperty("window_start").GetDateTimeOffset(), spend.GetProperty("window_end").GetDateTimeOffset()));
        var keys = (await admin.GetFromJsonAsync<JsonElement>("api/admin/keys")).GetProperty("data").EnumerateArray();
        Assert.False(keys.Single(k => k.GetProperty("id").GetInt64() == unlimited.Id).TryGetProperty("spend", out _));

        var users = await Poll.UntilAsync(
            async () => (await admin.GetFromJsonAsync<JsonElement>("api/admin/users")).GetProperty("data").EnumerateArray().ToDictionary(u => u.GetProperty("id").GetString()!),
            u => u["u-spend"].GetProperty("spend").GetProperty("spent").GetDecimal() == spent);
        var userSpend = users["u-spend"].GetProperty("spend");
        Assert.Equal(spent, userSpend.GetProperty("spent").GetDecimal());
        Assert.Equal(5 - spent, userSpend.GetProperty("remaining").GetDecimal());
        var day = new DateTimeOffset(now.Year, now.Month, now.Day, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal((day, day.AddDays(1)), (userSpend.GetProperty("window_start").GetDateTimeOffset(), userSpend.GetProperty("window_end").GetDateTimeOffset()));
        Assert.False(users.TryGetValue("u-free", out var free) && free.TryGetProperty("spend", out _));

        // The lists never carry a secret, and a user's key may not read them.
        Assert.DoesNotContain(budgeted.Key, await admin.GetStringAsync("api/admin/keys"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await budgetedClient.GetAsync("api/admin/keys")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await budgetedClient.GetAsync("api/admin/users")).StatusCode);

        // The caller sees the same numbers for their own key and user, and a key without a budget has no spend.
        var me = await budgetedClient.GetFromJsonAsync<JsonElement>("api/v1/status/me");
        Assert.Equal(spent, me.GetProperty("key").GetProperty("spend").GetProperty("spent").GetDecimal());
        Assert.Equal(spent, me.GetProperty("user").GetProperty("spend").GetProperty("spent").GetDecimal());
        Assert.Equal(5 - spent, me.GetProperty("user").GetProperty("spend").GetProperty("remaining").GetDecimal());
        var unlimitedMe = await unlimitedClient.GetFromJsonAsync<JsonElement>("api/v1/status/me");
        Assert.False(unlimitedMe.GetProperty("key").TryGetProperty("spend", out _));
    }

    private static async Task<(long Id, string Key)> CreateKeyAsync(HttpClient admin, object body)
    {
        var created = await admin.PostAsJsonAsync("api/admin/keys", body);
        var root = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        Assert.True(created.IsSuccessStatusCode, root.GetRawText());
        return (root.GetProperty("id").GetInt64(), root.GetProperty("key").GetString()!);
    }

    private static Task<HttpResponseMessage> ChatAsync(HttpClient client) =>
        client.PostAsJsonAsync("v1/chat/completions", new { model = "priced", messages = new[] { new { role = "user", content = "hi" } } });
}
