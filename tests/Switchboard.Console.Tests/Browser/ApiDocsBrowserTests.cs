using System.Collections.Concurrent;
using Microsoft.Playwright;
using Switchboard.Console.Tests.Infrastructure;

namespace Switchboard.Console.Tests.Browser;

/// <summary>
/// Opens the API reference at <c>/docs</c> in a real Chromium: it renders the gateway's OpenAPI document (its title and an
/// operation), every request the page makes goes to the gateway itself (no CDN, fonts or telemetry), and its strict
/// Content-Security-Policy blocks nothing the page needs (a violation is a console error).
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ApiDocsBrowserTests(ConsoleGateway fixture)
{
    [Fact]
    public async Task Docs_RendersTheOpenApiDocument_OnlyFromTheGateway_WithoutPolicyViolations()
    {
        await using var docs = await fixture.Browser.OpenAsync(fixture.Gateway.BaseUrl);
        var requests = new ConcurrentQueue<string>();
        docs.Page.Request += (_, request) => requests.Enqueue(request.Url);

        await docs.Page.GotoAsync("/docs/");
        await Assertions.Expect(docs.Page.GetByRole(AriaRole.Heading, new() { Name = "Switchboard", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(docs.Page.GetByText("Admin: platforms").First).ToBeAttachedAsync();
        await Assertions.Expect(docs.Page.GetByText("Authorization: Bearer <key>").First).ToBeVisibleAsync();
        await docs.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        // The reference is one very long page; its first screen shows what it is.
        await docs.Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ConsoleBrowser.ScreenshotDirectory, "docs.png") });

        var gateway = fixture.Gateway.BaseUrl;
        Assert.Contains(requests, url => new Uri(url).AbsolutePath == "/openapi/v1.json");
        Assert.All(requests.Where(url => !url.StartsWith("data:", StringComparison.Ordinal) && !url.StartsWith("blob:", StringComparison.Ordinal)), url =>
            Assert.Equal((gateway.Host, gateway.Port), (new Uri(url).Host, new Uri(url).Port)));
        Assert.Empty(docs.Errors);
    }
}
