using Microsoft.Playwright;
using Switchboard.Console.Tests.Infrastructure;

namespace Switchboard.Console.Tests.Browser;

/// <summary>The platforms page in a real Chromium: add a platform from a preset, probe and pick its models and test one; rotate a key the provider refused; the file drift and a confirmed reset.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class PlatformsPageTests(ConsoleGateway fixture)
{
    private const string NewPlatformKey = "sk-console-new-platform-key-7777";

    [Fact]
    public async Task AddPlatformFromPreset_ProbesAndAddsPickedModels_AndTestsOne()
    {
        await using var host = await ConfigPagesGateway.StartAsync();
        await using var console = await host.OpenAsync(fixture.Browser, "platforms");
        await Assertions.Expect(console.Page.GetByTestId("platform-table").Locator("tr[data-platform='fakeai']")).ToContainTextAsync("gpt-4o-mini");

        var form = console.Page.GetByTestId("add-platform");
        await form.GetByLabel("Preset or kind").ClickAsync();
        await console.Page.GetByRole(AriaRole.Option, new() { Name = "openai (preset, openai)" }).ClickAsync();
        await Assertions.Expect(form.GetByLabel("Base URL")).ToHaveValueAsync("https://api.openai.com/v1");
        await form.GetByLabel("Name").FillAsync("console-added");
        await form.GetByLabel("Base URL").FillAsync(host.Upstream.BaseUrl + "v1");
        await form.GetByLabel("Upstream API key").FillAsync(NewPlatformKey);

        // Sealing shows the ENC:v1: form for the platforms file, never the key.
        await form.GetByRole(AriaRole.Button, new() { Name = "Seal for the platforms file" }).ClickAsync();
        await Assertions.Expect(form.GetByTestId("sealed-key")).ToContainTextAsync("ENC:v1:");
        Assert.DoesNotContain(NewPlatformKey, await form.GetByTestId("sealed-key").InnerTextAsync(), StringComparison.Ordinal);

        await form.GetByRole(AriaRole.Button, new() { Name = "Probe models" }).ClickAsync();

        var probe = form.GetByTestId("probe-result");
        await Assertions.Expect(probe).ToContainTextAsync("4 models found");
        await probe.GetByLabel("probe-alpha").CheckAsync();
        await probe.GetByLabel("probe-beta").CheckAsync();
        await form.GetByRole(AriaRole.Button, new() { Name = "Add platform" }).ClickAsync();
        await Assertions.Expect(form.GetByTestId("created-platform")).ToContainTextAsync("Added platform console-added with 2 models.");

        // The key went to the gateway and is never shown back: not in the form, not on the page.
        await Assertions.Expect(form.GetByLabel("Upstream API key")).ToHaveValueAsync("");
        Assert.DoesNotContain(NewPlatformKey, await console.Page.ContentAsync(), StringComparison.Ordinal);

        await form.GetByRole(AriaRole.Button, new() { Name = "Test probe-alpha" }).ClickAsync();
        await Assertions.Expect(form.GetByTestId("model-test-result")).ToContainTextAsync("“pong”");
        await Assertions.Expect(form.GetByTestId("model-test-result")).ToContainTextAsync("OK in");
        await Assertions.Expect(console.Page.GetByTestId("platform-table").Locator("tr[data-platform='console-added']")).ToContainTextAsync("probe-beta");
        await console.ScreenshotAsync("platforms");

        using var platforms = await host.GetJsonAsync("api/ai/admin/sys-platforms");
        var added = platforms.RootElement.GetProperty("data").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "console-added");
        Assert.Equal("openai", added.GetProperty("preset").GetString());
        Assert.Equal(["probe-alpha", "probe-beta"], added.GetProperty("models").EnumerateArray().Select(m => m.GetProperty("model_name").GetString()).Order());
        Assert.Single(added.GetProperty("keys").EnumerateArray());
        Assert.Contains(host.Upstream.Requests, r => r.Path.EndsWith("/chat/completions", StringComparison.Ordinal) && r.Header("Authorization") == "Bearer " + NewPlatformKey);
        Assert.Empty(console.Errors);
    }

    [Fact]
    public async Task RotatingAKeyTheProviderRefused_ShowsItInvalidThenActive()
    {
        await using var host = await ConfigPagesGateway.StartAsync();
        host.RevokedKeys.Add(ConfigPagesGateway.FileKey);
        var (status, _) = await host.PostJsonAsync("v1/chat/completions", new { model = "gpt-4o-mini", messages = new[] { new { role = "user", content = "hi" } } });
        Assert.NotEqual(200, status);

        await using var console = await host.OpenAsync(fixture.Browser, "platforms");
        var row = console.Page.GetByTestId("key-table").Locator("tbody tr").First;
        await Assertions.Expect(row.GetByTestId("key-status")).ToContainTextAsync("invalid");
        await Assertions.Expect(console.Page.GetByTestId("platform-table").Locator("tr[data-platform='fakeai']")).ToContainTextAsync("invalid");
        var oldMasked = await row.GetByTestId("masked").InnerTextAsync();

        const string NewKey = "sk-config-pages-rotated-key-0002";
        await row.GetByRole(AriaRole.Button, new() { Name = "Rotate " + oldMasked }).ClickAsync();
        await console.Page.GetByLabel("New upstream key").FillAsync(NewKey);
        await console.Page.GetByRole(AriaRole.Button, new() { Name = "Replace the key" }).ClickAsync();
        await Assertions.Expect(row.GetByTestId("key-status")).ToContainTextAsync("active");
        await Assertions.Expect(row.GetByTestId("masked")).Not.ToHaveTextAsync(oldMasked);
        await Assertions.Expect(console.Page.GetByTestId("platform-table").Locator("tr[data-platform='fakeai']")).Not.ToContainTextAsync("invalid");
        Assert.DoesNotContain(NewKey, await console.Page.ContentAsync(), StringComparison.Ordinal);
        await console.ScreenshotAsync("platforms-key-rotated");

        // The provider now gets the new secret, and the request succeeds.
        (status, _) = await host.PostJsonAsync("v1/chat/completions", new { model = "gpt-4o-mini", messages = new[] { new { role = "user", content = "hi" } } });
        Assert.Equal(200, status);
        Assert.Equal("Bearer " + NewKey, host.Upstream.LastRequest.Header("Authorization"));

        // Disabling from the table changes the pool's state through the API.
        await row.GetByRole(AriaRole.Button, new() { Name = "Disable " + await row.GetByTestId("masked").InnerTextAsync() }).ClickAsync();
        await Assertions.Expect(row.GetByTestId("key-status")).ToContainTextAsync("disabled");
        using var keys = await host.GetJsonAsync("api/admin/platform-keys?owner=-1");
        Assert.Equal("disabled", keys.RootElement.GetProperty("data")[0].GetProperty("status").GetString());
        Assert.Empty(console.Errors);
    }

    [Fact]
    public async Task KeyPool_AddsAServerKey_AndRemovesItOnlyAfterConfirmation()
    {
        await using var host = await ConfigPagesGateway.StartAsync();
        await using var console = await host.OpenAsync(fixture.Browser, "platforms");
        var table = console.Page.GetByTestId("key-table");
        await Assertions.Expect(table.Locator("tbody tr")).ToHaveCountAsync(1);

        const string Added = "sk-config-pages-second-key-0004";
        await console.Page.GetByLabel("Platform", new() { Exact = true }).ClickAsync();
        await console.Page.GetByRole(AriaRole.Option, new() { Name = "fakeai" }).ClickAsync();
        await console.Page.Locator("#add-key-secret").FillAsync(Added);
        await console.Page.Locator("#add-key-label").FillAsync("second");
        await console.Page.GetByRole(AriaRole.Button, new() { Name = "Add a server key" }).ClickAsync();
        await Assertions.Expect(table.Locator("tbody tr")).ToHaveCountAsync(2);
        var row = table.Locator("tbody tr", new() { HasText = "second" });
        var masked = await row.GetByTestId("masked").InnerTextAsync();
        Assert.DoesNotContain(Added, await console.Page.ContentAsync(), StringComparison.Ordinal);
        await console.ScreenshotAsync("platforms-key-added");

        // Cancelling the confirmation keeps the key; confirming removes it from the pool and from storage.
        await row.GetByRole(AriaRole.Button, new() { Name = "Remove " + masked }).ClickAsync();
        var dialog = console.Page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToContainTextAsync(masked);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        await Assertions.Expect(table.Locator("tbody tr")).ToHaveCountAsync(2);

        await row.GetByRole(AriaRole.Button, new() { Name = "Remove " + masked }).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Remove", Exact = true }).ClickAsync();
        await Assertions.Expect(table.Locator("tbody tr")).ToHaveCountAsync(1);
        using var keys = await host.GetJsonAsync("api/admin/platform-keys?owner=-1");
        Assert.DoesNotContain(keys.RootElement.GetProperty("data").EnumerateArray(), k => k.GetProperty("label").GetString() == "second");
        Assert.Empty(console.Errors);
    }

    [Fact]
    public async Task Drift_ShowsTheDifference_AndOnlyAConfirmedResetClearsIt()
    {
        await using var host = await ConfigPagesGateway.StartAsync();
        var (status, _) = await host.PostJsonAsync("api/ai/admin/sys-platform", new { name = "api-only", kind = "openai", base_url = host.Upstream.BaseUrl + "v1", api_key = "sk-api-only-key-0003", models = new { m1 = "m1" } });
        Assert.Equal(201, status);

        await using var console = await host.OpenAsync(fixture.Browser, "platforms");
        var drift = console.Page.GetByTestId("drift-panel");
        await Assertions.Expect(drift.GetByTestId("drift-state")).ToContainTextAsync("differs from the platforms file");
        await Assertions.Expect(drift.Locator("tr[data-drift='api-only']")).ToContainTextAsync("removed");
        await console.ScreenshotAsync("platforms-drift");

        // Cancelling the confirmation changes nothing.
        await drift.GetByRole(AriaRole.Button, new() { Name = "Reset from the file…" }).ClickAsync();
        var dialog = console.Page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToContainTextAsync("match the platforms file");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        using (var still = await host.GetJsonAsync("api/admin/config/drift"))
        {
            Assert.False(still.RootElement.GetProperty("in_sync").GetBoolean());
        }

        await drift.GetByRole(AriaRole.Button, new() { Name = "Reset from the file…" }).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Reset", Exact = true }).ClickAsync();
        await Assertions.Expect(drift.GetByTestId("reset-result")).ToContainTextAsync("Reset:");
        await Assertions.Expect(drift.GetByTestId("drift-state")).ToHaveTextAsync("The database matches the platforms file.");
        await Assertions.Expect(console.Page.GetByTestId("platform-table").Locator("tr[data-platform='api-only']")).ToHaveCountAsync(0);
        await console.ScreenshotAsync("platforms-drift-reset");

        using var after = await host.GetJsonAsync("api/admin/config/drift");
        Assert.True(after.RootElement.GetProperty("in_sync").GetBoolean());
        Assert.Empty(console.Errors);
    }
}
