using Microsoft.Playwright;
using Switchboard.Console.Tests.Infrastructure;

namespace Switchboard.Console.Tests.Browser;

/// <summary>The overview (GET /api/v1/status/usage/overview) shows an admin every user's figures, top lists, charts and source health, and a user key only its own usage.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class OverviewTests(ConsoleGateway fixture)
{
    [Fact]
    public async Task Admin_SeesFiguresTopListsChartsAndSourceHealth()
    {
        var user = ConsoleGateway.Unique("overview-user");
        var key = await fixture.CreateUserWithKeyAsync(user);
        await fixture.ChatAsync(key);
        await fixture.ChatAsync(key, "qwen-flash", stream: true);

        await using var console = await fixture.Browser.OpenAsync(fixture.Gateway.BaseUrl);
        await console.SignInAndWaitAsync();
        await Assertions.Expect(console.ByTestId("top-users")).ToContainTextAsync(user);
        await Assertions.Expect(console.ByTestId("top-models")).ToContainTextAsync("qwen-flash");
        Assert.True(long.Parse(await console.ByTestId("figure-requests-value").InnerTextAsync(), System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture) >= 2);
        await Assertions.Expect(console.ByTestId("figure-provider-cost-value")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\$\d"));
        await Assertions.Expect(console.ByTestId("figure-margin")).ToBeVisibleAsync();
        await Assertions.Expect(console.ByTestId("figure-latency-p95-value")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^[\d,]+ ms$"));
        await Assertions.Expect(console.ByTestId("figure-ttft-p50-value")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^[\d,]+ ms$"));

        // Source health: the platform's pool now, and its key masked, never in full.
        var fakeai = console.ByTestId("source-health").Locator("tr[data-platform='fakeai']");
        await Assertions.Expect(fakeai).ToContainTextAsync("healthy");
        Assert.DoesNotContain("sk-fake-upstream-key-for-console-0001", await console.Page.ContentAsync(), StringComparison.Ordinal);

        // MudBlazor draws the charts as SVG paths: one line per series once there is usage.
        await Assertions.Expect(console.ByTestId("chart-requests").Locator("svg path").First).ToBeAttachedAsync();
        await console.ScreenshotAsync("overview");
        Assert.Empty(console.Errors);
    }

    [Fact]
    public async Task UserKey_SeesOnlyItsOwnUsage_WithoutProviderCost()
    {
        var user = ConsoleGateway.Unique("overview-own");
        var key = await fixture.CreateUserWithKeyAsync(user);
        var other = await fixture.CreateUserWithKeyAsync(ConsoleGateway.Unique("overview-other"));
        await fixture.ChatAsync(key);
        await fixture.ChatAsync(key);
        await fixture.ChatAsync(key, stream: true);
        await fixture.ChatAsync(other, "qwen-flash");

        await using var console = await fixture.Browser.OpenAsync(fixture.Gateway.BaseUrl);
        await console.SignInAndWaitAsync(key);

        // Exactly this user's three requests, though the gateway has served many more.
        await Assertions.Expect(console.ByTestId("figure-requests-value")).ToHaveTextAsync("3");
        await Assertions.Expect(console.ByTestId("top-models")).ToContainTextAsync("gpt-4o-mini");
        await Assertions.Expect(console.ByTestId("top-models")).Not.ToContainTextAsync("qwen-flash");
        await Assertions.Expect(console.ByTestId("figure-spend")).ToBeVisibleAsync();
        await Assertions.Expect(console.ByTestId("figure-provider-cost")).ToHaveCountAsync(0);
        await Assertions.Expect(console.ByTestId("top-users")).ToHaveCountAsync(0);
        await Assertions.Expect(console.ByTestId("source-health")).ToHaveCountAsync(0);
        await console.ScreenshotAsync("overview-user");
        Assert.Empty(console.Errors);
    }
}
