using Microsoft.JSInterop;

namespace Switchboard.Console.Shared;

/// <summary>Saves a file the console fetched with the signed-in key as a browser download, through the console's own script module.</summary>
public sealed class FileSaver(IJSRuntime js) : IAsyncDisposable
{
    private IJSObjectReference? _module;

    /// <summary>Offers the stream's bytes as a download with the file name and content type.</summary>
    public async Task SaveAsync(string name, string contentType, Stream content)
    {
        _module ??= await js.InvokeAsync<IJSObjectReference>("import", "./js/console.js");
        using var reference = new DotNetStreamReference(content, leaveOpen: true);
        await _module.InvokeVoidAsync("saveFile", name, contentType, reference);
    }

    /// <summary>Releases the script module.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_module is not null)
        {
            await _module.DisposeAsync();
        }
    }
}
