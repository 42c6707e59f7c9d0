using Microsoft.JSInterop;

namespace Switchboard.Console.Session;

/// <summary>Reads and writes the browser's storage: the API key in session storage only, preferences in local storage.</summary>
public sealed class BrowserStorage(IJSRuntime js)
{
    /// <summary>Reads a value of this tab's session storage, gone when the tab closes.</summary>
    public ValueTask<string?> GetSessionAsync(string name) => js.InvokeAsync<string?>("sessionStorage.getItem", name);

    /// <summary>Writes a value to this tab's session storage.</summary>
    public ValueTask SetSessionAsync(string name, string value) => js.InvokeVoidAsync("sessionStorage.setItem", name, value);

    /// <summary>Removes a value from this tab's session storage.</summary>
    public ValueTask RemoveSessionAsync(string name) => js.InvokeVoidAsync("sessionStorage.removeItem", name);

    /// <summary>Reads a preference (language, dark mode) kept across visits; never a secret.</summary>
    public ValueTask<string?> GetPreferenceAsync(string name) => js.InvokeAsync<string?>("localStorage.getItem", name);

    /// <summary>Writes a preference kept across visits; never a secret.</summary>
    public ValueTask SetPreferenceAsync(string name, string value) => js.InvokeVoidAsync("localStorage.setItem", name, value);

    /// <summary>Sets the document's language, so screen readers and fonts follow the console's language.</summary>
    public ValueTask SetDocumentLanguageAsync(string code) => js.InvokeVoidAsync("document.documentElement.setAttribute", "lang", code);
}
