using Switchboard.Console.Api;

namespace Switchboard.Console.Session;

/// <summary>Holds who is signed in: the API key (kept in session storage only) and whether it is an admin key.</summary>
public sealed class ConsoleSession(GatewayClient client, BrowserStorage storage)
{
    private const string KeyName = "switchboard.key";

    /// <summary>Raised after a sign-in or sign-out.</summary>
    public event Action? Changed;

    /// <summary>Gets whether a key was accepted.</summary>
    public bool SignedIn => client.Key is not null;

    /// <summary>Gets whether the signed-in key is an admin key.</summary>
    public bool IsAdmin { get; private set; }

    /// <summary>Gets the error of the last failed attempt, when it was not a refused key.</summary>
    public string? LastError { get; private set; }

    /// <summary>Signs in with the key this tab already holds, if any; a key the gateway no longer accepts is forgotten.</summary>
    public async Task RestoreAsync()
    {
        var key = await storage.GetSessionAsync(KeyName);
        if (!string.IsNullOrEmpty(key) && await SignInAsync(key) is SignInOutcome.InvalidKey)
        {
            await storage.RemoveSessionAsync(KeyName);
        }
    }

    /// <summary>Checks a key against the gateway and, when accepted, keeps it for this tab.</summary>
    /// <remarks>
    /// <c>GET /api/v1/status/me</c> answers any valid key with who it acts as, so one call tells an admin key from a
    /// user's key without provoking a 403; a 401 is a key the gateway does not know.
    /// </remarks>
    public async Task<SignInOutcome> SignInAsync(string key, CancellationToken cancellationToken = default)
    {
        key = key.Trim();
        LastError = null;
        if (key.Length == 0)
        {
            return SignInOutcome.InvalidKey;
        }

        SignInOutcome outcome;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/status/me");
            using var response = await client.SendRawAsync(request, HttpCompletionOption.ResponseContentRead, key, cancellationToken);
            if ((int)response.StatusCode == 401)
            {
                return SignInOutcome.InvalidKey;
            }

            await GatewayClient.EnsureSuccessAsync(response, cancellationToken);
            var caller = await GatewayClient.ReadJsonAsync(response, ConsoleJsonContext.Default.CallerIdentity, cancellationToken);
            outcome = caller.IsAdmin ? SignInOutcome.Admin : SignInOutcome.User;
        }
        catch (ApiException e)
        {
            LastError = e.Message;
            return SignInOutcome.Failed;
        }

        if (outcome is SignInOutcome.Admin or SignInOutcome.User)
        {
            client.Key = key;
            IsAdmin = outcome is SignInOutcome.Admin;
            await storage.SetSessionAsync(KeyName, key);
            Changed?.Invoke();
        }

        return outcome;
    }

    /// <summary>Forgets the key in this tab.</summary>
    public async Task SignOutAsync()
    {
        client.Key = null;
        IsAdmin = false;
        await storage.RemoveSessionAsync(KeyName);
        Changed?.Invoke();
    }
}
