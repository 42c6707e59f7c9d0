using System.Diagnostics;
using Microsoft.Playwright;
using Switchboard.Console.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Switchboard.Console.Tests.Browser;

/// <summary>Signs in to the console in a real Chromium: admin and user keys, a refused key, the Chinese locale, and the first load's size and time.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class SignInTests(ConsoleGateway fixture, ITestOutputHelper output)
{
    private static readonly string[] AdminLinks = ["Overview", "Catalog", "Platforms", "Keys", "Users", "Usage", "Playground", "Alerts", "Prices", "Audit"];
    private static readonly string[] UserLinks = ["Overview", "Usage", "Playground", "My models", "My keys", "My budget"];

    [Fact]
    public async Task FirstLoad_IsSmallAndInteractiveQuickly()
    {
        await using var console = await fixture.Browser.OpenAsync(fixture.Gateway.BaseUrl);
        long bytes = 0;
        var requests = 0;
        var pending = new List<Task>();
        console.Page.RequestFinished += (_, request) =>
        {
            Interlocked.Increment(ref requests);
            pending.Add(Task.Run(async () =>
            {
                var sizes = await request.SizesAsync();
                Interlocked.Add(ref bytes, sizes.ResponseBodySize + sizes.ResponseHeadersSize);
            }));
        };

        var clock = Stopwatch.StartNew();
        await console.Page.GotoAsync("/");
        await console.ApiKeyField.WaitForAsync();
        Assert.True(await console.ApiKeyField.IsEditableAsync());
        var interactive = clock.Elapsed;
        await console.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Task.WhenAll(pending.ToArray());

        var line = $"console first load: {bytes:N0} bytes over the wire in {requests} requests; time to interactive {interactive.TotalMilliseconds:N0} ms";
        output.WriteLine(line);
        await File.AppendAllTextAsync(ConsoleBrowser.MetricsFile, line + Environment.NewLine);
        await console.ScreenshotAsync("signin");
        Assert.Equal("/ui/", new Uri(console.Page.Url).AbsolutePath);
        // The trimmed, Brotli-compressed app is a few megabytes; an untrimmed or uncompressed one would be several times this.
        Assert.InRange(bytes, 100_000, 6_000_000);
        Assert.Empty(console.Errors);
    }

    [Fact]
    public async Task AdminKey_SignsInWithEnter_AndSeesEveryPage()
    {
        await using var console = await fixture.Browser.OpenAsync(fixture.Gateway.BaseUrl);
        await console.OpenAsync();
        await console.SignInAsync(GatewayHost.AdminKey);

        Assert.Equal(AdminLinks, await console.NavigationLinksAsync());
        await Assertions.Expect(console.Page.GetByTestId("role")).ToHaveTextAsync("Admin");
        await console.ScreenshotAsync("overview");

        // The key lives in this tab's session storage only, never in local storage or a cookie.
        Assert.Equal(GatewayHost.AdminKey, await console.Page.EvaluateAsync<string?>("sessionStorage.getItem('switchboard.key')"));
        Assert.DoesNotContain(GatewayHost.AdminKey, await console.Page.EvaluateAsync<string>("JSON.stringify(localStorage)"), StringComparison.Ordinal);
        Assert.Empty(await console.Page.Context.CookiesAsync());

        // A reload keeps the tab signed in; signing out forgets the key.
        await console.Page.ReloadAsync();
        Assert.Equal(AdminLinks, await console.NavigationLinksAsync());
        await console.Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await console.ApiKeyField.WaitForAsync();
        Assert.Null(await console.Page.EvaluateAsync<string?>("sessionStorage.getItem('switchboard.key')"));
        Assert.Empty(console.Errors);
    }

    [Fact]
    public async Task WrongKey_ShowsInvalidKey_AndNothingElseOfTheConsole()
    {
        await using var console = await fixture.Browser.OpenAsync(fixture.Gateway.BaseUrl);
        await console.OpenAsync();
        await console.SignInAsync("sk-not-a-key-of-this-gateway-0000");

        await Assertions.Expect(console.Page.GetByTestId("signin-error")).ToHaveTextAsync("Invalid key");
        await Assertions.Expect(console.Navigation).ToHaveCountAsync(0);
        var text = await console.Page.Locator("body").InnerTextAsync();
        foreach (var name in AdminLinks)
        {
            Assert.DoesNotContain(name, text, StringComparison.Ordinal);
        }

        Assert.Null(await console.Page.EvaluateAsync<string?>("sessionStorage.getItem('switchboard.key')"));
        await console.ScreenshotAsync("signin-invalid-key");
    }

    [Fact]
    public async Task ChineseLocale_RendersSignInAndNavigationInChinese()
    {
        await using var console = await fixture.Browser.OpenAsync(fixture.Gateway.BaseUrl);
        await console.OpenAsync();
        await console.Page.GetByLabel("Language").ClickAsync();
        await console.Page.GetByRole(AriaRole.Option, new() { Name = "简体中文" }).ClickAsync();

        var keyField = console.Page.GetByLabel("API 密钥");
        await keyField.FillAsync("sk-wrong-key-for-the-chinese-test");
        await keyField.PressAsync("Enter");
        await Assertions.Expect(console.Page.GetByTestId("signin-error")).ToHaveTextAsync("无效的密钥");
        Assert.Equal("zh-CN", await console.Page.EvaluateAsync<string>("document.documentElement.lang"));

        await keyField.FillAsync(GatewayHost.AdminKey);
        await keyField.PressAsync("Enter");
        Assert.Equal(["概览", "模型目录", "平台", "密钥", "用户", "用量", "试验场", "告警", "价格", "审计"], await console.NavigationLinksAsync());
        await console.ScreenshotAsync("overview-zh");
    }

    [Fact]
    public async Task UserKey_SeesOnlyUserPages_AndAdminRoutesAre403()
    {
        var userKey = await fixture.CreateKeyAsync(new { name = "user key", user_id = "console-user", role = "user" });
        await using var console = await fixture.Browser.OpenAsync(fixture.Gateway.BaseUrl);
        await console.OpenAsync();
        await console.SignInAsync(userKey);

        Assert.Equal(UserLinks, await console.NavigationLinksAsync());
        await Assertions.Expect(console.Page.GetByTestId("role")).ToHaveTextAsync("User");

        // An admin page typed into the address bar shows the refusal, and the API refuses the key anyway.
        await console.Page.GotoAsync("/ui/keys");
        await Assertions.Expect(console.Page.GetByTestId("forbidden")).ToHaveTextAsync("This page needs an admin key.");
        await console.ScreenshotAsync("user-forbidden");
        using var client = fixture.Gateway.CreateClient(userKey);
        using var response = await client.GetAsync("api/admin/keys");
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, response.StatusCode);
    }
}
