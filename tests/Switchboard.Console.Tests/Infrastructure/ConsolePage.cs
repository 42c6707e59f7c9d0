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
            if (message.Type == "error")
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

    /// <summary>Saves a full-page screenshot named after the page.</summary>
    public Task ScreenshotAsync(string name) =>
        Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ConsoleBrowser.ScreenshotDirectory, name + ".png"), FullPage = true });

    public async ValueTask DisposeAsync() => await _context.CloseAsync();
}
