using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Switchboard.Server.Status.Views;

using Switchboard.Server.Http;

namespace Switchboard.Server.Cli;

/// <summary>Calls a running gateway's documented REST API for the commands given <c>--url</c>.</summary>
/// <remarks>
/// An answer in the gateway's error shape becomes a <see cref="CliFailure"/> carrying its message (the gateway never puts
/// a secret in one); a gateway that cannot be reached is <see cref="CliExitCodes.Gateway"/>. The admin key is sent only
/// in the Authorization header and never printed. Every call is bounded by <see cref="Timeout"/>.
/// </remarks>
internal sealed class RemoteGateway : IDisposable
{
    /// <summary>The longest a call may take; a price import uploads up to 32 MB.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { TypeInfoResolver = ServerJsonContext.Default };

    private readonly HttpClient _http;

    public RemoteGateway(Uri address, string? key)
    {
        ArgumentNullException.ThrowIfNull(address);
        Display = DisplayAddress(address);
        HasKey = !string.IsNullOrEmpty(key);
        var handler = new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(10), AllowAutoRedirect = false };
        _http = new HttpClient(handler) { BaseAddress = new Uri(Display + "/"), Timeout = Timeout };
        if (HasKey)
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
    }

    /// <summary>Gets the gateway's address without credentials or query, fit to print.</summary>
    public string Display { get; }

    /// <summary>Gets a value indicating whether calls carry an admin key.</summary>
    public bool HasKey { get; }

    /// <summary>Returns the address without user info, query or fragment.</summary>
    public static string DisplayAddress(Uri address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return new UriBuilder(address) { UserName = string.Empty, Password = string.Empty, Query = string.Empty, Fragment = string.Empty }.Uri.ToString().TrimEnd('/');
    }

    /// <summary>Sends a request and reads a JSON answer; any other status than 2xx fails with the gateway's message.</summary>
    public async Task<T> SendAsync<T>(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(method, path, content, cancellationToken);
        await EnsureSuccessAsync(response, method, path, cancellationToken);
        return await ReadAsync<T>(response, method, path, cancellationToken);
    }

    /// <summary>Reads <c>/api/v1/status/health</c>, whose 503 answer (an unhealthy gateway) carries the same report.</summary>
    public async Task<HealthView> GetHealthAsync(CancellationToken cancellationToken)
    {
        const string path = "api/v1/status/health";
        using var response = await SendRawAsync(HttpMethod.Get, path, null, cancellationToken);
        if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
        {
            await EnsureSuccessAsync(response, HttpMethod.Get, path, cancellationToken);
        }

        return await ReadAsync<HealthView>(response, HttpMethod.Get, path, cancellationToken);
    }

    /// <summary>Sends a request whose answer has no body worth reading; any other status than 2xx fails with the gateway's message.</summary>
    public async Task SendAsync(HttpMethod method, string path, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(method, path, null, cancellationToken);
        await EnsureSuccessAsync(response, method, path, cancellationToken);
    }

    /// <summary>Sends a request and returns the answer whatever its status; only a gateway that cannot be reached fails.</summary>
    public async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = content };
        try
        {
            return await _http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new CliFailure(CliExitCodes.Gateway, $"cannot reach the gateway at {Display}: {e.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CliFailure(CliExitCodes.Gateway, $"the gateway at {Display} did not answer {method} /{path} within {Timeout.TotalSeconds:0} s.");
        }
    }

    /// <summary>Reads the message of an answer in the gateway's error shape, or null when the body is not one.</summary>
    public static async Task<string?> ReadErrorMessageAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        try
        {
            using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out var error)
                && error.ValueKind == JsonValueKind.Object
                && error.TryGetProperty("message", out var message)
                && message.ValueKind == JsonValueKind.String
                ? message.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public void Dispose() => _http.Dispose();

    private async Task<T> ReadAsync<T>(HttpResponseMessage response, HttpMethod method, string path, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync(ServerJson.Of<T>(Json), cancellationToken)
                ?? throw new CliFailure($"{Display}: {method} /{path} answered an empty body.");
        }
        catch (JsonException)
        {
            throw new CliFailure($"{Display}: {method} /{path} answered something that is not the documented JSON; is this a Switchboard gateway?");
        }
    }

    private async Task EnsureSuccessAsync(HttpResponseMessage response, HttpMethod method, string path, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var status = (int)response.StatusCode;
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            throw new CliFailure($"{Display} refused the admin key (401): check --key or SWITCHBOARD_ADMIN_KEY.");
        }

        var message = await ReadErrorMessageAsync(response, cancellationToken);
        throw new CliFailure(message is null
            ? $"{Display}: {method} /{path} answered {status} {response.ReasonPhrase}."
            : $"{Display}: {message} ({status})");
    }
}
