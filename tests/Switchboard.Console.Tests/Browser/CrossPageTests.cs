using Microsoft.Playwright;
using Switchboard.Console.Tests.Infrastructure;

namespace Switchboard.Console.Tests.Browser;

/// <summary>Checks every page of the navigation at once: it renders in English and Chinese, hostile names stay text, keys reach everything, and icon buttons are labelled.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class CrossPageTests(ConsoleGateway fixture)
{
    // An HTTP header carries ASCII only, so the agent name is the hostile name without its right-to-left marks.
    private const string HostileAgent = "<script>alert('agent')</script><img src=x onerror=alert(2)> \"quoted\" 'single'";

    /// <summary>Lists buttons with no accessible name: no aria-label, aria-labelledby, title or text.</summary>
    private const string UnlabelledButtons = """
        () => [...document.querySelectorAll('button, [role="button"]')]
            .filter(b => b.offsetParent !== null)
            .filter(b => !(b.getAttribute('aria-label') || b.getAttribute('aria-labelledby') || b.getAttribute('title') || b.innerText.trim()))
            .map(b => b.outerHTML.slice(0, 160))
        """;

    /// <summary>Finds markup a hostile name would have injected had a page parsed it.</summary>
    private const string InjectedMarkup = """
        () => document.querySelectorAll('img[src="x"], script:not([src])').length
        """;

    [Theory]
    [InlineData("English", "en")]
    [InlineData("简体中文", "zh")]
    public async Task EveryPage_Renders_WithSeededData_AndLabelledIconButtons(string language, string suffix)
    {
        var key = await fixture.CreateUserWithKeyAsync(ConsoleGateway.Unique("pages-user"));
        await fixture.ChatAsync(key);
        await fixture.ChatAsync(key, "qwen-flash", stream: true);

        await using var console = await fixture.Browser.OpenAsync(fixture.Gateway.BaseUrl);
        await console.SignInAndWaitAsync();
        if (suffix != "en")
        {
            await console.SetLanguageAsync(language);
        }

        var names = await console.NavigationLinksAsync();
        Assert.Equal(10, names.Count);
        for (var i = 0; i < names.Count; i++)
        {
            var link = console.Navigation.GetByRole(AriaRole.Link).Nth(i);
            await link.ClickAsync();

            // Each page's one heading names it in the chosen language, as the navigation does ("Keys" may head "Virtual keys").
            await Assertions.Expect(console.Heading).ToContainTextAsync(names[i], new() { IgnoreCase = true });
            var page = new Uri(console.Page.Url).AbsolutePath["/ui/".Length..];
            await console.ScreenshotAsync($"page-{(page.Length == 0 ? "overview" : page)}-{suffix}");
            await Assertions.Expect(console.ByTestId("api-error")).ToHaveCountAsync(0);
            var unlabelled = await console.Page.EvaluateAsync<string[]>(UnlabelledButtons);
            Assert.Empty(unlabelled);
        }

        Assert.Empty(console.Dialogs);
        Assert.Empty(console.Errors);
    }

    [Fact]
    public async Task HostileNames_RenderAsText_OnEveryPage_AndRunNothing()
    {
        var user = ConsoleGateway.Unique("hostile");
        await fixture.AdminAsync(HttpMethod.Put, "api/admin/users/" + user, new { display_name = ConsoleGateway.HostileName });
        var key = await fixture.CreateKeyAsync(new { name = ConsoleGateway.HostileName, user_id = user, role = "user" });
        await fixture.ChatAsync(key, agent: HostileAgent);

        await using var console = await fixture.Browser.OpenAsync(fixture.Gateway.BaseUrl);
        await console.SignInAndWaitAsync();
        var count = (await console.NavigationLinksAsync()).Count;
        for (var i = 0; i < count; i++)
        {
            await console.Navigation.GetByRole(AriaRole.Link).Nth(i).ClickAsync();
            await console.Heading.WaitForAsync();
            await console.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            Assert.Equal(0, await console.Page.EvaluateAsync<int>(InjectedMarkup));
        }

        // The usage page shows the agent's name, character for character, as text.
        await console.GoToAsync("usage");
        await console.Page.GetByLabel("User id").FillAsync(user);
        await console.Page.GetByLabel("Group by").ClickAsync();
        await console.Page.GetByRole(AriaRole.Option, new() { Name = "Agent" }).ClickAsync();
        await console.Page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Assertions.Expect(console.ByTestId("usage-groups").Locator("tbody td").First).ToHaveTextAsync(HostileAgent);
        await console.ByTestId("usage-open").First.ClickAsync();
        await Assertions.Expect(console.ByTestId("usage-fields").Locator("dd[data-field='agent_name']")).ToHaveTextAsync(HostileAgent);
        await console.ScreenshotAsync("hostile-names-usage");

        Assert.Equal(0, await console.Page.EvaluateAsync<int>(InjectedMarkup));
        Assert.Empty(console.Dialogs);
        Assert.Empty(console.Errors);
    }

    [Fact]
    public async Task Keyboard_SignsInWithEnter_AndTabReachesEveryNavigationLink()
    {
        await using var console = await fixture.Browser.OpenAsync(fixture.Gateway.BaseUrl);
        await console.OpenAsync();

        // The key field has focus on load: typing and Enter sign in without the mouse.
        await console.Page.Keyboard.TypeAsync(GatewayHost.AdminKey);
        await console.Page.Keyboard.PressAsync("Enter");
        var names = await console.NavigationLinksAsync();

        var reached = new HashSet<string>(StringComparer.Ordinal);
        for (var press = 0; press < 60 && reached.Count < names.Count; press++)
        {
            await console.Page.Keyboard.PressAsync("Tab");
            var focused = await console.Page.EvaluateAsync<string?>("() => document.activeElement?.closest('nav') ? document.activeElement.innerText.trim() : null");
            if (focused is not null)
            {
                reached.Add(focused);
            }
        }

        Assert.Equal(names.OrderBy(n => n, StringComparer.Ordinal), reached.OrderBy(n => n, StringComparer.Ordinal));

        // Enter on a focused link opens its page.
        await console.Navigation.GetByRole(AriaRole.Link, new() { Name = "Usage" }).FocusAsync();
        await console.Page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(console.Heading).ToHaveTextAsync("Usage");
    }
}
