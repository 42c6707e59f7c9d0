using Switchboard.Console.Api;

namespace Switchboard.Console.Shared;

/// <summary>Runs a page's calls to the gateway, keeping whether one is under way (to disable its buttons) and the last refusal's message.</summary>
public sealed class ApiCall
{
    /// <summary>Gets whether a call is under way.</summary>
    public bool Busy { get; private set; }

    /// <summary>Gets or sets the message to show: the gateway's <c>error.message</c> of the last refused call, or a check of the page's own.</summary>
    public string? Error { get; set; }

    /// <summary>Runs a call; a refusal becomes <see cref="Error"/> instead of an exception. Returns whether the call succeeded.</summary>
    public async Task<bool> RunAsync(Func<Task> call)
    {
        Busy = true;
        Error = null;
        try
        {
            await call();
            return true;
        }
        catch (ApiException e)
        {
            Error = e.Message;
            return false;
        }
        finally
        {
            Busy = false;
        }
    }
}
