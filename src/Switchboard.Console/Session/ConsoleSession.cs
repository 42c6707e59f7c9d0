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
    /// One admin route tells both things apart: 200 is an admin key, 403 <c>forbidden</c> a valid key of a user, and
    /// 401 a key the gateway does not know.
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
            using var request = new HttpRequestMessage(HttpMethod.Get, "api/admin/tenancy");
            using var response = await client.SendRawAsync(request, HttpCompletionOption.ResponseContentRead, key, cancellationToken);
            outcome = (int)response.StatusCode switch
            {
                200 => SignInOutcome.Admin,
                401 => SignInOutcome.InvalidKey,
                _ => SignInOutcome.Failed,
            };
            if (outcome is SignInOutcome.Failed)
            {
                try
                {
                    await GatewayClient.EnsureSuccessAsync(response, cancellationToken);
                }
                catch (ApiException e) when (e.Status == 403 && e.Code == "forbidden")
                {
                    outcome = SignInOutcome.User;
                }
                catch (ApiException e)
                {
                    LastError = e.Message;
                }
            }
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
