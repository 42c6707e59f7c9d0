using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Switchboard.Console.Tests.Infrastructure;

namespace Switchboard.Console.Tests.Browser;

/// <summary>A user's own pages in a real Chromium, signed in with their virtual key: only user pages, their slots and selection, their own keys, their budget.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class MyPagesTests(ConsoleGateway fixture)
{
    private static readonly string[] UserLinks = ["Overview", "Usage", "Playground", "My models", "My keys", "My budget"];

    [Fact]
    public async Task UserKey_SeesOnlyUserPages_SetsASlot_AddsAnOwnKeyShownMasked_AndSeesTheirBudget()
    {
        // AutoKey lets the user's first chat run on the server's key, so it is charged to their budget.
        await using var mode = await TenancyModeScope.SetAsync(fixture.Gateway, "multi-custom", autoKey: true);
        using var admin = fixture.Gateway.CreateClient();
        using (var saved = await admin.PutAsJsonAsync("api/admin/users/my-user", new { tier = "free", budget = 2m, budget_period = "month" }))
        {
            Assert.True(saved.IsSuccessStatusCode, await saved.Content.ReadAsStringAsync());
        }

        var userKey = await fixture.CreateKeyAsync(new { name = "my key", user_id = "my-user" });
        using var user = fixture.Gateway.CreateClient(userKey);
        // A chat on the server's key is counted against the user's budget (at the catalog's user price).
        using (var chat = await user.PostAsJsonAsync("v1/chat/completions", new { model = "gpt-4o-mini", messages = new[] { new { role = "user", content = "hi" } } }))
        {
            Assert.True(chat.IsSuccessStatusCode, await chat.Content.ReadAsStringAsync());
        }

        // Usage records are written in batches: wait until the chat is counted before opening the page.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await UsageCountedAsync(user))
        {
            Assert.True(DateTime.UtcNow < deadline, "The chat's usage record was not written within 60 s.");
            await Task.Delay(200);
        }

        await using var console = await fixture.Browser.OpenAsync(fixture.Gateway.BaseUrl);
        await console.OpenAsync();
        await console.SignInAsync(userKey);
        Assert.Equal(UserLinks, await console.NavigationLinksAsync());

        // Admin pages are not listed, and typed into the address bar they show the refusal.
        await console.Page.GotoAsync("/ui/users");
        await Assertions.Expect(console.Page.GetByTestId("forbidden")).ToHaveTextAsync("This page needs an admin key.");
        await console.ScreenshotAsync("my-forbidden-users");

        // Slots: pick another model for main and save it; the classic route agrees.
        await console.Navigation.GetByRole(AriaRole.Link, new() { Name = "My models" }).ClickAsync();
        var main = console.Page.Locator("[data-testid=slot-row][data-slot='main']");
        await Assertions.Expect(main).ToBeVisibleAsync();
        var before = (await main.GetByTestId("slot-model").InnerTextAsync()).Trim();
        var target = before.StartsWith("qwen-flash", StringComparison.Ordinal) ? "gpt-4o-mini" : "qwen-flash";
        await Assertions.Expect(console.Page.GetByTestId("my-models")).ToContainTextAsync("qwen-flash");
        await main.GetByLabel("Model for main").ClickAsync();
        await console.Page.GetByRole(AriaRole.Option, new() { Name = target, Exact = true }).ClickAsync();
        await main.GetByRole(AriaRole.Button, new() { Name = "Save main" }).ClickAsync();
        await Assertions.Expect(main.GetByTestId("slot-model")).ToHaveTextAsync(target);
        using (var selection = JsonDocument.Parse(await user.GetStringAsync("api/ai/user-selection")))
        {
            Assert.Equal(target, selection.RootElement.GetProperty("model").GetString());
        }

        await console.ScreenshotAsync("my-models");

        // Own key for the system platform: typed once, then shown masked only, also after a reload.
        const string ownSecret = "sk-my-user-own-key-for-fakeai-97531";
        await console.Navigation.GetByRole(AriaRole.Link, new() { Name = "My keys" }).ClickAsync();
        var fakeai = console.Page.Locator("[data-testid=own-key-row][data-platform='fakeai']");
        await Assertions.Expect(fakeai.GetByTestId("own-key-masked")).ToHaveTextAsync("not set");
        await fakeai.Locator("input").FillAsync(ownSecret);
        await fakeai.GetByRole(AriaRole.Button, new() { Name = "Save fakeai" }).ClickAsync();
        await Assertions.Expect(fakeai.GetByTestId("own-key-masked")).ToContainTextAsync("7531");
        var masked = (await fakeai.GetByTestId("own-key-masked").InnerTextAsync()).Trim();
        Assert.NotEqual(ownSecret, masked);
        Assert.DoesNotContain(ownSecret, await console.Page.ContentAsync(), StringComparison.Ordinal);
        Assert.Equal(string.Empty, await fakeai.Locator("input").InputValueAsync());
        await console.Page.ReloadAsync();
        await Assertions.Expect(fakeai.GetByTestId("own-key-masked")).ToHaveTextAsync(masked);

        // A private platform (multi-custom): added from the page, listed with its model and masked key.
        await console.Page.Locator("#platform-name").FillAsync("my-box");
        await console.Page.Locator("#platform-base-url").FillAsync("https://my-box.switchboard.invalid/v1");
        await console.Page.Locator("#platform-api-key").FillAsync("sk-my-box-private-key-112233");
        await console.Page.Locator("#platform-models").FillAsync("box-1");
        await console.Page.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
        var box = console.Page.Locator("[data-testid=private-platform-row][data-platform='my-box']");
        await Assertions.Expect(box).ToContainTextAsync("box-1");
        await Assertions.Expect(box).ToContainTextAsync("2233");
        Assert.DoesNotContain("sk-my-box-private-key-112233", await console.Page.ContentAsync(), StringComparison.Ordinal);
        await console.ScreenshotAsync("my-keys");

        // Budget: what the chat spent, as the gateway's counters say once the replica has written the spend and given
        // back its idle slice of the budget (LeaseIdleTimeout), so the page reads the same counters.
        var own = await Switchboard.Testing.Poll.UntilAsync(
            async () =>
            {
                using var me = JsonDocument.Parse(await user.GetStringAsync("api/v1/status/me"));
                return me.RootElement.GetProperty("user").GetProperty("spend").Clone();
            },
            spend => spend.GetProperty("reserved").GetDecimal() == 0);

        await console.Navigation.GetByRole(AriaRole.Link, new() { Name = "My budget" }).ClickAsync();
        var row = console.Page.Locator("[data-testid=budget-row][data-scope='user']");
        await Assertions.Expect(row).ToContainTextAsync("$2.00 (month)");
        await Assertions.Expect(row.GetByTestId("budget-spent")).ToHaveTextAsync("$" + own.GetProperty("spent").GetDecimal().ToString("0.00####", CultureInfo.InvariantCulture));
        await Assertions.Expect(row.GetByTestId("budget-remaining")).ToHaveTextAsync("$" + own.GetProperty("remaining").GetDecimal().ToString("0.00####", CultureInfo.InvariantCulture));
        await Assertions.Expect(console.Page.GetByTestId("my-usage-models")).ToContainTextAsync("gpt-4o-mini");
        await console.ScreenshotAsync("my-budget");

        // No script error and no violated CSP on any user page.
        Assert.Empty(console.Errors);
    }

    private static async Task<bool> UsageCountedAsync(HttpClient user)
    {
        using var usage = JsonDocument.Parse(await user.GetStringAsync("api/v1/status/usage?period=30d"));
        return usage.RootElement.GetProperty("totals").GetProperty("requests").GetInt64() > 0;
    }

    [Fact]
    public async Task ChineseLocale_RendersTheUserPagesInChinese()
    {
        await using var mode = await TenancyModeScope.SetAsync(fixture.Gateway, "multi-fixed");
        var userKey = await fixture.CreateKeyAsync(new { name = "zh key", user_id = "zh-user" });
        await using var console = await fixture.Browser.OpenAsync(fixture.Gateway.BaseUrl);
        await console.OpenAsync();
        await console.Page.GetByLabel("Language").ClickAsync();
        await console.Page.GetByRole(AriaRole.Option, new() { Name = "简体中文" }).ClickAsync();
        await console.Page.GetByLabel("API 密钥").FillAsync(userKey);
        await console.Page.GetByLabel("API 密钥").PressAsync("Enter");
        var links = await console.NavigationLinksAsync();
        Assert.Equal(["我的模型", "我的密钥", "我的预算"], links.TakeLast(3));
        await console.Navigation.GetByRole(AriaRole.Link, new() { Name = "我的模型" }).ClickAsync();
        await Assertions.Expect(console.Page.GetByRole(AriaRole.Heading, new() { Name = "我的槽位" })).ToBeVisibleAsync();
        await console.ScreenshotAsync("my-models-zh");
    }
}
