namespace Switchboard.Console.Session;

/// <summary>Holds the display preferences kept across visits: dark mode.</summary>
public sealed class UiPreferences(BrowserStorage storage)
{
    private const string DarkModeName = "switchboard.dark";

    /// <summary>Raised after a preference changed.</summary>
    public event Action? Changed;

    /// <summary>Gets whether the dark theme is on.</summary>
    public bool DarkMode { get; private set; }

    /// <summary>Reads the preferences saved on an earlier visit.</summary>
    public async Task RestoreAsync() => DarkMode = await storage.GetPreferenceAsync(DarkModeName) == "true";

    /// <summary>Turns the dark theme on or off and remembers it.</summary>
    public async Task SetDarkModeAsync(bool on)
    {
        DarkMode = on;
        await storage.SetPreferenceAsync(DarkModeName, on ? "true" : "false");
        Changed?.Invoke();
    }
}
