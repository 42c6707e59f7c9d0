using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Switchboard.Console.Api;

/// <summary>Calls the gateway's documented REST API on the console's own origin, with the signed-in key as the bearer token.</summary>
/// <remarks>Every refused call becomes an <see cref="ApiException"/> carrying the gateway's <c>error.message</c>.</remarks>
public sealed class GatewayClient(HttpClient http)
{
    /// <summary>Gets or sets the API key sent with every call; the session sets it on sign-in.</summary>
    public string? Key { get; set; }

    /// <summary>Sends a GET and reads the JSON answer.</summary>
    public Task<T> GetAsync<T>(string path, JsonTypeInfo<T> type, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, path, type, cancellationToken);

    /// <summary>Sends a request without a body and reads the JSON answer.</summary>
    public async Task<T> SendAsync<T>(HttpMethod method, string path, JsonTypeInfo<T> type, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(method, path);
        return await ReadAsync(request, type, cancellationToken);
    }

    /// <summary>Sends a request with a JSON body and reads the JSON answer.</summary>
    public async Task<TResponse> SendAsync<TRequest, TResponse>(HttpMethod method, string path, TRequest body, JsonTypeInfo<TRequest> bodyType, JsonTypeInfo<TResponse> type, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body, bodyType) };
        return await ReadAsync(request, type, cancellationToken);
    }

    /// <summary>Sends a request whose answer the caller does not read, such as a DELETE.</summary>
    public async Task SendAsync(HttpMethod method, string path, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(method, path);
        using var response = await SendRawAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken: cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }

    /// <summary>Sends a request with the key and returns the raw answer, for streams and status checks; the caller disposes it.</summary>
    public async Task<HttpResponseMessage> SendRawAsync(HttpRequestMessage request, HttpCompletionOption completion, string? key = null, CancellationToken cancellationToken = default)
    {
        key ??= Key;
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        try
        {
            return await http.SendAsync(request, completion, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new ApiException("The gateway could not be reached: " + e.Message, e);
        }
    }

    /// <summary>Throws the gateway's error when the answer is not a success.</summary>
    public static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        ErrorBody? error = null;
        try
        {
            error = (await response.Content.ReadFromJsonAsync(ConsoleJsonContext.Default.ErrorEnvelope, cancellationToken))?.Error;
        }
        catch (JsonException)
        {
            // Not the gateway's error shape (a proxy's page, say): the status line is all there is to show.
        }
        catch (NotSupportedException)
        {
        }

        throw new ApiException((int)response.StatusCode, error?.Message ?? $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}", error?.Code);
    }

    private async Task<T> ReadAsync<T>(HttpRequestMessage request, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken: cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return await ReadJsonAsync(response, type, cancellationToken);
    }

    /// <summary>Reads a successful answer's JSON body; an empty or unreadable body is an <see cref="ApiException"/>.</summary>
    public static async Task<T> ReadJsonAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync(type, cancellationToken)
                ?? throw new ApiException((int)response.StatusCode, "The gateway sent an empty answer.");
        }
        catch (JsonException e)
        {
            throw new ApiException("The gateway's answer could not be read: " + e.Message, e);
        }
    }
}
