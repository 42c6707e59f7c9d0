using System.Net;
using System.Text.Json;
using Microsoft.Playwright;
using Switchboard.Console.Tests.Infrastructure;

namespace Switchboard.Console.Tests.Browser;

/// <summary>The virtual keys page in a real Chromium: create a key and see it once, its spend against budget, and revoke it with a confirmation.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class KeysPageTests(ConsoleGateway fixture)
{
    [Fact]
    public async Task CreateKey_ShowsTheSecretOnce_ListsItMaskedWithSpend_AndRevokesIt()
    {
        await using var console = await fixture.Browser.OpenAsync(fixture.Gateway.BaseUrl);
        await console.Page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        await console.OpenAsync();
        await console.SignInAsync(GatewayHost.AdminKey);
        await console.Navigation.GetByRole(AriaRole.Link, new() { Name = "Keys" }).ClickAsync();
        await Assertions.Expect(console.Page.GetByRole(AriaRole.Heading, new() { Name = "Virtual keys" })).ToBeVisibleAsync();

        const string name = "Console <script>alert(1)</script> \"key\" \u202Eevil";
        await console.Page.Locator("#key-name").FillAsync(name);
        await console.Page.Locator("#key-owner").FillAsync("keys-page-user");
        await console.Page.Locator("#key-models").FillAsync("gpt-4o-mini, qwen-flash");
        await console.Page.Locator("#key-budget").FillAsync("5");
        await console.Page.Locator("#key-rpm").FillAsync("60");
        await console.Page.Locator("#key-parallel").FillAsync("2");
        await console.Page.Locator("#key-expires").FillAsync(DateTime.UtcNow.AddYears(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await console.Page.GetByRole(AriaRole.Button, new() { Name = "Create", Exact = true }).ClickAsync();

        // The secret is shown once, and the copy button puts exactly it on the clipboard.
        var shown = console.Page.GetByTestId("new-key-value");
        await Assertions.Expect(shown).ToBeVisibleAsync();
        var secret = (await shown.InnerTextAsync()).Trim();
        await Assertions.Expect(console.Page.GetByTestId("created-key")).ToContainTextAsync("Copy this key now: it is shown only once.");
        await console.Page.GetByTestId("created-key").GetByRole(AriaRole.Button, new() { Name = "Copy", Exact = true }).ClickAsync();
        await Assertions.Expect(console.Page.GetByTestId("created-key").GetByRole(AriaRole.Button, new() { Name = "Copied", Exact = true })).ToBeVisibleAsync();
        Assert.Equal(secret, await console.Page.EvaluateAsync<string>("navigator.clipboard.readText()"));

        // The key works, and the REST list (what the table shows) never has the secret.
        using var keyClient = fixture.Gateway.CreateClient(secret);
        using (var models = await keyClient.GetAsync("v1/models"))
        {
            Assert.Equal(HttpStatusCode.OK, models.StatusCode);
        }

        using var admin = fixture.Gateway.CreateClient();
        var listed = await admin.GetStringAsync("api/admin/keys");
        Assert.DoesNotContain(secret, listed, StringComparison.Ordinal);
        using var list = JsonDocument.Parse(listed);
        var created = list.RootElement.GetProperty("data").EnumerateArray().Single(k => k.GetProperty("name").GetString() == name);
        var id = created.GetProperty("id").GetInt64();
        Assert.Equal("keys-page-user", created.GetProperty("user_id").GetString());
        Assert.Equal(2, created.GetProperty("allowed_models").GetArrayLength());

        var row = console.Page.Locator($"[data-testid=key-row][data-key-id='{id}']");
        // The hostile name is text: no script ran, and the cell shows it literally.
        await Assertions.Expect(row.Locator("td").First).ToHaveTextAsync(name);
        Assert.Empty(console.Dialogs);
        await Assertions.Expect(row).ToContainTextAsync(created.GetProperty("masked").GetString()!);
        await Assertions.Expect(row.GetByTestId("key-spend")).ToContainTextAsync("$0.00 / $5.00 (month)");
        await Assertions.Expect(row).ToContainTextAsync("60 rpm");
        await console.ScreenshotAsync("keys-created");

        // A reload forgets the secret: it is nowhere on the page, nor in the browser's storage.
        await console.Page.ReloadAsync();
        await Assertions.Expect(row).ToBeVisibleAsync();
        await Assertions.Expect(console.Page.GetByTestId("created-key")).ToHaveCountAsync(0);
        Assert.DoesNotContain(secret, await console.Page.ContentAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(secret, await console.Page.EvaluateAsync<string>("JSON.stringify(sessionStorage) + JSON.stringify(localStorage)"), StringComparison.Ordinal);

        // Revoking asks first; cancelling keeps the key.
        await row.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        var dialog = console.Page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToContainTextAsync("Revoke this key? Requests with it stop at once.");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Assertions.Expect(row.GetByTestId("key-status")).ToHaveTextAsync("Active");
        await row.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await console.ScreenshotAsync("keys-revoke-confirm");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Assertions.Expect(row.GetByTestId("key-status")).ToHaveTextAsync("Revoked");
        await Assertions.Expect(row.GetByRole(AriaRole.Button, new() { Name = "Revoke" })).ToHaveCountAsync(0);
        using (var refused = await keyClient.GetAsync("v1/models"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        await console.ScreenshotAsync("keys");
        Assert.Empty(console.Errors);
    }

    [Fact]
    public async Task BadExpiry_IsRefusedInThePage_AndAGatewayRefusalShowsItsMessage()
    {
        await using var console = await fixture.Browser.OpenAsync(fixture.Gateway.BaseUrl);
        await console.OpenAsync();
        await console.SignInAsync(GatewayHost.AdminKey);
        await console.Navigation.GetByRole(AriaRole.Link, new() { Name = "Keys" }).ClickAsync();
        await console.Page.Locator("#key-expires").FillAsync("next tuesday");
        await console.Page.GetByRole(AriaRole.Button, new() { Name = "Create", Exact = true }).ClickAsync();
        await Assertions.Expect(console.Page.GetByTestId("api-error")).ToHaveTextAsync("Give the expiry as a date, e.g. 2027-01-31.");

        // A date in the past passes the page's check and the gateway refuses it, naming the field.
        await console.Page.Locator("#key-expires").FillAsync("2001-01-01");
        await console.Page.GetByRole(AriaRole.Button, new() { Name = "Create", Exact = true }).ClickAsync();
        await Assertions.Expect(console.Page.GetByTestId("api-error")).ToContainTextAsync("'expires_at' must be in the future.");
        await Assertions.Expect(console.Page.GetByTestId("created-key")).ToHaveCountAsync(0);
    }
}
