using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Switchboard.Providers.Probing;

/// <summary>Builds the user-facing probe messages. None of them takes the API key, a response body or a query string.</summary>
internal static class ProbeMessages
{
    private const int KiB = 1024;
    private const int MiB = 1024 * 1024;

    public static string AddressNotAllowed(IPAddress address, BlockedAddressKind kind) =>
        $"The address {address} is not allowed ({NetworkGuard.Explain(address, kind)}).";

    public static string HostNotAllowed(string host, BlockedAddressKind kind) =>
        $"The host {host} is not allowed ({NetworkGuard.Describe(kind)}).";

    public static string ResolvesToBlocked(string host, IPAddress address, BlockedAddressKind kind) =>
        $"The host {host} resolves to {address}, which is not allowed ({NetworkGuard.Explain(address, kind)}).";

    /// <summary>Wraps a refusal met on a redirect hop, so the user sees that the first URL was fine and the redirect was not.</summary>
    public static string RedirectRefused(string refusal) =>
        "Redirect to a blocked address refused: " + char.ToLowerInvariant(refusal[0]) + refusal[1..];

    public static string NotResolved(string host) => $"The host name {host} could not be resolved.";

    public static string ConnectFailed(string host, int port, SocketError? error) => string.Create(
        CultureInfo.InvariantCulture,
        $"Could not connect to {host}:{port} ({error switch
        {
            SocketError.ConnectionRefused => "connection refused",
            SocketError.TimedOut => "timed out",
            SocketError.HostUnreachable or SocketError.NetworkUnreachable => "unreachable",
            null => "no address",
            _ => error.ToString(),
        }}).");

    public static string TimedOut(TimeSpan timeout) =>
        string.Create(CultureInfo.InvariantCulture, $"The probe timed out after {timeout.TotalSeconds:0.###} s.");

    public static string TooLarge(int maxBytes) => $"The answer exceeded {Size(maxBytes)}.";

    public static string Status(int status, string path, bool sentKey) => status switch
    {
        401 when sentKey => "Authentication failed (HTTP 401): check the API key.",
        401 => "Authentication failed (HTTP 401): the server needs an API key.",
        403 => "Access denied (HTTP 403): check the API key and its permissions.",
        404 => $"Nothing found at {path} (HTTP 404): check the base URL.",
        429 => "The server is rate limiting (HTTP 429); try again later.",
        >= 500 => string.Create(CultureInfo.InvariantCulture, $"The server failed (HTTP {status})."),
        _ => string.Create(CultureInfo.InvariantCulture, $"The server answered HTTP {status}."),
    };

    /// <summary>Writes a byte count the way the option was most likely set: "1 MiB", "64 KiB" or "1500 bytes".</summary>
    public static string Size(int bytes) => bytes switch
    {
        _ when bytes % MiB == 0 => string.Create(CultureInfo.InvariantCulture, $"{bytes / MiB} MiB"),
        _ when bytes % KiB == 0 => string.Create(CultureInfo.InvariantCulture, $"{bytes / KiB} KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes"),
    };
}
