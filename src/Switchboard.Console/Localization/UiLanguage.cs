using Switchboard.Console.Session;

namespace Switchboard.Console.Localization;

/// <summary>Holds the console's language (English by default, or Simplified Chinese) and tells the app when it changes.</summary>
public sealed class UiLanguage(BrowserStorage storage)
{
    /// <summary>Names the English language.</summary>
    public const string English = "en";

    /// <summary>Names the Simplified Chinese language.</summary>
    public const string Chinese = "zh-CN";

    private const string PreferenceName = "switchboard.lang";

    /// <summary>Raised after the language changed.</summary>
    public event Action? Changed;

    /// <summary>Gets the current language's code.</summary>
    public string Code { get; private set; } = English;

    /// <summary>Gets every visible string in the current language.</summary>
    public UiText Text { get; private set; } = EnglishText.Value;

    /// <summary>Applies the language chosen on an earlier visit, if any.</summary>
    public async Task RestoreAsync()
    {
        var saved = await storage.GetPreferenceAsync(PreferenceName);
        await ApplyAsync(saved == Chinese ? Chinese : English, save: false);
    }

    /// <summary>Switches the language and remembers the choice in this browser.</summary>
    public Task SetAsync(string code) => ApplyAsync(code == Chinese ? Chinese : English, save: true);

    private async Task ApplyAsync(string code, bool save)
    {
        Code = code;
        Text = code == Chinese ? ChineseText.Value : EnglishText.Value;
        await storage.SetDocumentLanguageAsync(code);
        if (save)
        {
            await storage.SetPreferenceAsync(PreferenceName, code);
        }

        Changed?.Invoke();
    }
}
