using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Switchboard.Console.Tests.Infrastructure;

/// <summary>Wraps one browser tab on the console: signs in, finds navigation, and records dialogs, page errors and CSP reports.</summary>
public sealed class ConsolePage : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly ConcurrentQueue<string> _dialogs = new();
    private readonly ConcurrentQueue<string> _errors = new();

    public ConsolePage(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Dialog += (_, dialog) =>
        {
            _dialogs.Enqueue(dialog.Message);
            _ = dialog.DismissAsync();
        };
        page.PageError += (_, error) => _errors.Enqueue(error);
        page.Console += (_, message) =>
        {
            // A violated Content-Security-Policy is reported on the console as an error; so is a failed Blazor start.
            // Chromium also logs every 4xx answer as "Failed to load resource": the app expects those (a user key's 403
            // on an admin page, a usage record not written yet) and shows them itself, so they are not page errors.
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                _errors.Enqueue(message.Text);
            }
        };
    }

    public IPage Page { get; }

    /// <summary>Gets the messages of every alert, confirm or prompt the page opened.</summary>
    public IReadOnlyCollection<string> Dialogs => _dialogs;

    /// <summary>Gets every uncaught page error and console error.</summary>
    public IReadOnlyCollection<string> Errors => _errors;

    public ILocator ApiKeyField => Page.GetByLabel("API key");

    public ILocator Navigation => Page.GetByRole(AriaRole.Navigation);

    /// <summary>Opens the console from the gateway's root, as a person typing the address would, and waits for the sign-in field.</summary>
    public async Task OpenAsync()
    {
        await Page.GotoAsync("/");
        await ApiKeyField.WaitForAsync();
    }

    /// <summary>Types a key and presses Enter.</summary>
    public async Task SignInAsync(string key)
    {
        await ApiKeyField.FillAsync(key);
        await ApiKeyField.PressAsync("Enter");
    }

    /// <summary>Returns the names of the navigation's links.</summary>
    public async Task<IReadOnlyList<string>> NavigationLinksAsync()
    {
        await Navigation.GetByRole(AriaRole.Link).First.WaitForAsync();
        var names = await Navigation.GetByRole(AriaRole.Link).AllInnerTextsAsync();
        return [.. names.Select(n => n.Trim())];
    }

    /// <summary>Opens the console, signs in with the key (the admin key by default) and waits for the navigation.</summary>
    public async Task SignInAndWaitAsync(string key = GatewayHost.AdminKey)
    {
        await OpenAsync();
        await SignInAsync(key);
        await Navigation.GetByRole(AriaRole.Link).First.WaitForAsync();
    }

    /// <summary>Goes to a page by its address under /ui/ ("" is the overview, "usage?model=x" a page with a query) without reloading the app, and waits for its heading.</summary>
    /// <remarks>Blazor's own router navigates (the app stays loaded and signed in); a full <c>GotoAsync</c> would start the app again.</remarks>
    public async Task GoToAsync(string path)
    {
        await Page.EvaluateAsync("path => window.Blazor.navigateTo(path)", "/ui/" + path.TrimStart('/'));
        await Page.WaitForURLAsync(url => new Uri(url).PathAndQuery == "/ui/" + path.TrimStart('/'));
        await Heading.WaitForAsync();
    }

    /// <summary>Gets the current page's heading (its one h1).</summary>
    public ILocator Heading => Page.Locator("main h1").First;

    /// <summary>Gets the element with a <c>data-testid</c>, the stable handle pages give what tests read.</summary>
    public ILocator ByTestId(string testId) => Page.GetByTestId(testId);

    /// <summary>Switches the language through the app bar's selector ("English" or "简体中文").</summary>
    public async Task SetLanguageAsync(string languageName)
    {
        await Page.Locator(".mud-appbar").GetByLabel(new System.Text.RegularExpressions.Regex("^(Language|语言)$")).ClickAsync();
        await Page.GetByRole(AriaRole.Option, new() { Name = languageName }).ClickAsync();
    }

    /// <summary>Saves a full-page screenshot as screenshots/&lt;name&gt;.png under the test output, once the page's calls have finished.</summary>
    /// <remarks>Name a page group's shots after its page ("usage", "usage-zh", "catalog-edit"): one file per name, the last run wins.</remarks>
    public async Task<string> ScreenshotAsync(string name)
    {
        var safe = string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-'));
        var path = Path.Combine(ConsoleBrowser.ScreenshotDirectory, safe + ".png");
        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true, Animations = ScreenshotAnimations.Disabled });
        return path;
    }

    public async ValueTask DisposeAsync() => await _context.CloseAsync();
}
