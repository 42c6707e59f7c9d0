using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Switchboard.Console.Tests.Infrastructure;

namespace Switchboard.Console.Tests.Browser;

/// <summary>The users, tiers and slots page in a real Chromium: tenancy settings, a tier rule edited live with who and when, users with spend, a user's details, and the dispatch preview.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class UsersPageTests(ConsoleGateway fixture)
{
    [Fact]
    public async Task EditingATierRule_ChangesTheDispatchPreview_AndTheUserDetailsShowSlotsKeysAndPlatforms()
    {
        await using var mode = await TenancyModeScope.SetAsync(fixture.Gateway, "multi-custom");
        using var admin = fixture.Gateway.CreateClient();
        await SendAsync(admin, HttpMethod.Put, "api/admin/tiers/console-tier", new { slots = new { main = "gpt-4o-mini" } });
        await SendAsync(admin, HttpMethod.Put, "api/admin/users/tier-user", new { tier = "console-tier", display_name = "Tier <b>User</b>", budget = 3m, budget_period = "month" });
        await SendAsync(admin, HttpMethod.Put, "api/admin/users/detail-user", new { tier = "free" });

        // detail-user brings their own key for the system platform and has a private platform.
        const string ownSecret = "sk-detail-user-own-key-for-fakeai-86420";
        using var user = fixture.Gateway.CreateClient(await fixture.CreateKeyAsync(new { user_id = "detail-user" }));
        var fakeaiId = await PlatformIdAsync(user, "fakeai");
        await SendAsync(user, HttpMethod.Post, $"api/ai/platform/{fakeaiId}/api-key", new { api_key = ownSecret });
        await SendAsync(admin, HttpMethod.Put, "api/admin/users/detail-user/slots/main", new { model = "gpt-4o-mini" });
        await SendAsync(user, HttpMethod.Post, "api/ai/platform", new { name = "detail-box", kind = "demo", base_url = "https://detail-box.switchboard.invalid", models = new Dictionary<string, string> { ["box-model"] = "demo" } });

        await using var console = await fixture.Browser.OpenAsync(fixture.Gateway.BaseUrl);
        await console.OpenAsync();
        await console.SignInAsync(GatewayHost.AdminKey);
        await console.Navigation.GetByRole(AriaRole.Link, new() { Name = "Users" }).ClickAsync();

        // The tenancy card shows the mode in force; AutoKey is switched on from the page.
        await Assertions.Expect(console.Page.GetByTestId("tenancy-mode")).ToContainTextAsync("multi-custom");
        await console.Page.GetByLabel("AutoKey: create a user on their first signed request").CheckAsync();
        await console.Page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).First.ClickAsync();
        await Assertions.Expect(console.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Saved" })).ToBeVisibleAsync();
        using (var settings = JsonDocument.Parse(await admin.GetStringAsync("api/admin/tenancy")))
        {
            Assert.True(settings.RootElement.GetProperty("auto_key").GetBoolean());
        }

        // Users with tier, budget and spend; a display name with markup is text.
        var userRow = console.Page.Locator("[data-testid=user-row][data-user-id='tier-user']");
        await Assertions.Expect(userRow).ToContainTextAsync("console-tier");
        await Assertions.Expect(userRow).ToContainTextAsync("Tier <b>User</b>");
        await Assertions.Expect(userRow.GetByTestId("user-spend")).ToContainTextAsync("$0.00 / $3.00 (month)");

        // The dispatch preview before the rule change.
        await console.Page.Locator("#dispatch-users").FillAsync("tier-user, detail-user");
        await console.Page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        var preview = console.Page.Locator("[data-testid=dispatch-row][data-user-id='tier-user']");
        await Assertions.Expect(preview.GetByTestId("dispatch-model")).ToHaveTextAsync("gpt-4o-mini");
        await Assertions.Expect(console.Page.Locator("[data-testid=dispatch-row][data-user-id='detail-user']").GetByTestId("dispatch-key-source")).ToHaveTextAsync("user");

        // Edit the rule in the page: the preview on screen follows, and the rule shows who changed it.
        var ruleRow = console.Page.Locator("[data-testid=tier-row][data-tier='console-tier']");
        await ruleRow.GetByRole(AriaRole.Button, new() { Name = "Edit console-tier" }).ClickAsync();
        var editor = console.Page.Locator("#tier-rule-json");
        Assert.Contains("gpt-4o-mini", await editor.InputValueAsync(), StringComparison.Ordinal);
        // Users' slots are bound when they are created; narrowing the models moves tier-user's main slot (a repair).
        await editor.FillAsync("""{"slots":{"main":"qwen-flash"},"models":["qwen-flash"]}""");
        await console.ScreenshotAsync("users-tier-edit");
        await console.Page.GetByTestId("tier-table").GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Assertions.Expect(preview.GetByTestId("dispatch-model")).ToHaveTextAsync("qwen-flash");
        await Assertions.Expect(ruleRow).ToContainTextAsync("main → qwen-flash");
        await Assertions.Expect(ruleRow.GetByTestId("tier-last-change")).ToContainTextAsync("admin · " + DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        using (var dispatch = JsonDocument.Parse(await admin.GetStringAsync("api/admin/dispatch?user_id=tier-user")))
        {
            Assert.Equal("qwen-flash", dispatch.RootElement.GetProperty("data")[0].GetProperty("model").GetString());
        }

        // A rule the gateway refuses shows its message and changes nothing.
        await ruleRow.GetByRole(AriaRole.Button, new() { Name = "Edit console-tier" }).ClickAsync();
        await editor.FillAsync("""{"slots":"not an object"}""");
        await console.Page.GetByTestId("tier-table").GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Assertions.Expect(console.Page.GetByTestId("api-error").First).ToBeVisibleAsync();
        await Assertions.Expect(preview.GetByTestId("dispatch-model")).ToHaveTextAsync("qwen-flash");
        await console.ScreenshotAsync("users");

        // A user's details: slots, own keys masked, private platforms.
        await console.Page.Locator("[data-testid=user-row][data-user-id='detail-user']").GetByRole(AriaRole.Button, new() { Name = "Details detail-user" }).ClickAsync();
        var detail = console.Page.GetByTestId("user-detail");
        await Assertions.Expect(detail.GetByTestId("user-slots")).ToContainTextAsync("main");
        await Assertions.Expect(detail.GetByTestId("user-own-keys")).ToContainTextAsync("fakeai");
        await Assertions.Expect(detail.GetByTestId("user-own-keys")).ToContainTextAsync("6420");
        await Assertions.Expect(detail.GetByTestId("user-platforms")).ToContainTextAsync("box-model (demo)");
        Assert.DoesNotContain(ownSecret, await console.Page.ContentAsync(), StringComparison.Ordinal);
        await detail.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();

        // The preview's move of tier-user's slot is on record as a repair.
        await console.Page.Locator("[data-testid=user-row][data-user-id='tier-user']").GetByRole(AriaRole.Button, new() { Name = "Details tier-user" }).ClickAsync();
        await Assertions.Expect(detail.GetByTestId("user-repairs")).ToContainTextAsync("gpt-4o-mini");
        await Assertions.Expect(detail.GetByTestId("user-repairs")).ToContainTextAsync("qwen-flash");

        // Changing the user's tier from the details is stored and shown in the list.
        await console.Page.Locator("#detail-tier").FillAsync("pro");
        await detail.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Assertions.Expect(userRow.Locator("td").Nth(3)).ToHaveTextAsync("pro");
        await console.ScreenshotAsync("users-detail");

        // The one refused call (the bad rule) is the browser's only complaint.
        Assert.DoesNotContain(console.Errors, e => !e.Contains("the server responded with a status of 400", StringComparison.Ordinal));
    }

    private static async Task SendAsync(HttpClient client, HttpMethod method, string path, object body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        using var response = await client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task<long> PlatformIdAsync(HttpClient client, string name)
    {
        using var models = JsonDocument.Parse(await client.GetStringAsync("api/ai/platform-models"));
        return models.RootElement.GetProperty("data").EnumerateArray().First(m => m.GetProperty("platform_name").GetString() == name).GetProperty("platform_id").GetInt64();
    }
}
