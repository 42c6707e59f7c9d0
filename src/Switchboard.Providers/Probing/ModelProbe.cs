using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Providers.Http;

namespace Switchboard.Providers.Probing;

/// <summary>
/// Asks a user-supplied OpenAI-compatible base URL for its model list (<c>GET …/models</c>) without letting the URL
/// reach loopback, private, link-local or metadata addresses.
/// </summary>
/// <remarks>
/// Every spelling of a blocked address is refused before any connection: <see cref="Uri"/> normalises decimal, hex,
/// octal and short IPv4 forms, the host literal is checked up front, and the connect callback checks every DNS answer
/// and connects to the address it checked. Redirects are followed by hand and checked again at each hop; the API key
/// goes only to the origin the user typed. Only <see cref="ModelProbeOptions.AllowList"/> lifts the block.
/// Thread-safe singleton; owns one long-lived handler.
/// </remarks>
public sealed partial class ModelProbe : IDisposable
{
    private readonly TimeSpan _timeout;
    private readonly int _maxResponseBytes;
    private readonly int _maxRedirects;
    private readonly NetworkGuard _guard;
    private readonly HttpClient _client;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates the probe from the bound options.</summary>
    /// <exception cref="OptionsValidationException">The options are out of range or an allowlist entry does not parse.</exception>
    public ModelProbe(IOptions<ModelProbeOptions> options, ILogger<ModelProbe> logger, TimeProvider timeProvider)
        : this(options?.Value ?? throw new ArgumentNullException(nameof(options)), logger, timeProvider, resolve: null)
    {
    }

    /// <summary>Creates the probe with a replaceable resolver, so tests can serve any DNS answer without a DNS server.</summary>
    internal ModelProbe(ModelProbeOptions options, ILogger logger, TimeProvider timeProvider, Func<string, CancellationToken, Task<IPAddress[]>>? resolve)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var validation = new ModelProbeOptionsValidator().Validate(Options.DefaultName, options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(ModelProbeOptions), validation.Failures);
        }

        _timeout = options.Timeout;
        _maxResponseBytes = options.MaxResponseBytes;
        _maxRedirects = options.MaxRedirects;
        _guard = new NetworkGuard(options.AllowList);
        _time = timeProvider;
        _logger = logger;
        var connector = new GuardedConnector(_guard, resolve ?? Dns.GetHostAddressesAsync);
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = connector.ConnectAsync,

            // Redirects and proxies would both connect somewhere the guard never saw.
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            PreAuthenticate = false,
            ConnectTimeout = _timeout,

            // Short-lived pooled connections, so a name's answers are checked again soon after they change.
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
            MaxResponseHeadersLength = 64,
            MaxResponseDrainSize = 64 * 1024,
            ResponseDrainTimeout = TimeSpan.FromSeconds(1),
            AutomaticDecompression = DecompressionMethods.All,
        };
        _client = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        _client.DefaultRequestHeaders.UserAgent.ParseAdd("Switchboard-ModelProbe/1.0");
    }

    /// <summary>Gets the guard the probe applies, with the configured allowlist.</summary>
    public NetworkGuard Guard => _guard;

    /// <summary>Asks <paramref name="baseUrl"/> for its model list.</summary>
    /// <param name="baseUrl">The base URL the user typed, e.g. <c>https://api.example.com/v1</c> or <c>http://host:11434</c>.</param>
    /// <param name="apiKey">The key sent as <c>Authorization: Bearer</c>, or null/blank to send none. Never logged nor echoed.</param>
    /// <param name="cancellationToken">Cancels the probe.</param>
    /// <returns>The model ids, or a clean error; every failure is a value.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async ValueTask<ModelProbeResult> ProbeAsync(string baseUrl, string? apiKey, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var key = string.IsNullOrWhiteSpace(apiKey) ? null : apiKey.Trim();
        var (result, target) = await RunAsync(baseUrl, key, cancellationToken).ConfigureAwait(false);

        // A cancelled caller gets the cancellation, not whichever error the cut-off request happened to produce.
        cancellationToken.ThrowIfCancellationRequested();
        result = result with
        {
            LatencyMs = _time.GetElapsedTime(started).TotalMilliseconds,
            Error = Scrub(result.Error, key),
        };
        target = Scrub(target, key) ?? "(invalid URL)";
        if (result.Succeeded)
        {
            LogListed(_logger, target, result.ModelIds.Count, result.LatencyMs);
        }
        else if (result.Failure == ModelProbeFailure.Blocked)
        {
            LogRefused(_logger, target, result.Error!);
        }
        else
        {
            LogFailed(_logger, target, result.Failure, result.Error!);
        }

        return result;
    }

    /// <inheritdoc />
    public void Dispose() => _client.Dispose();

    private async Task<(ModelProbeResult Result, string? Target)> RunAsync(string baseUrl, string? key, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(baseUrl))
        {
            return (ModelProbeResult.Fail(ModelProbeFailure.InvalidInput, "The base URL is empty."), null);
        }

        if (!Uri.TryCreate(baseUrl.Trim(), UriKind.Absolute, out var parsed))
        {
            return (ModelProbeResult.Fail(ModelProbeFailure.InvalidInput, "The base URL is not a valid absolute URL; it must start with http:// or https://."), null);
        }

        if (!IsHttp(parsed))
        {
            return (ModelProbeResult.Fail(ModelProbeFailure.InvalidInput, $"Only http:// and https:// URLs can be probed, not {parsed.Scheme}://."), null);
        }

        var target = Authority(parsed);
        if (parsed.UserInfo.Length > 0)
        {
            return (ModelProbeResult.Fail(ModelProbeFailure.InvalidInput, "URLs with a user name or password are not accepted; put the key in the API key field."), target);
        }

        if (key is not null && !IsHeaderSafe(key))
        {
            return (ModelProbeResult.Fail(ModelProbeFailure.InvalidInput, "The API key contains characters that cannot be sent in an HTTP header."), target);
        }

        using var timeout = new CancellationTokenSource(_timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            return (await SendAsync(ModelsEndpoint.Resolve(parsed), key, linked.Token).ConfigureAwait(false), target);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (ModelProbeResult.Fail(ModelProbeFailure.Timeout, ProbeMessages.TimedOut(_timeout)), target);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Only the type: an exception message could quote a header value, and that header is the key.
            LogUnexpected(_logger, target, ex.GetType().FullName ?? ex.GetType().Name);
            return (ModelProbeResult.Fail(ModelProbeFailure.Connection, "The probe failed unexpectedly."), target);
        }
    }

    private async Task<ModelProbeResult> SendAsync(Uri modelsUrl, string? key, CancellationToken cancellationToken)
    {
        var current = modelsUrl;
        for (var redirects = 0; ; redirects++)
        {
            if (CheckHostLiteral(current) is { } refusal)
            {
                return ModelProbeResult.Fail(ModelProbeFailure.Blocked, redirects == 0 ? refusal : ProbeMessages.RedirectRefused(refusal));
            }

            using var request = new HttpRequestMessage(HttpMethod.Get, current)
            {
                // HTTP/1.1 only: HTTP/3 would go over QUIC, which never calls the guarded ConnectCallback.
                Version = HttpVersion.Version11,
                VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
            };
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            if (key is not null && MayCarryKey(modelsUrl, current))
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            }

            HttpResponseMessage response;
            try
            {
                response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException ex)
            {
                return FromSendFailure(ex, current, afterRedirect: redirects > 0);
            }

            using (response)
            {
                var status = (int)response.StatusCode;
                if (status is not (301 or 302 or 303 or 307 or 308))
                {
                    return await ReadAnswerAsync(response, current, sentKey: request.Headers.Authorization is not null, cancellationToken).ConfigureAwait(false);
                }

                if (redirects >= _maxRedirects)
                {
                    return ModelProbeResult.Fail(ModelProbeFailure.Redirect, $"Too many redirects (more than {_maxRedirects}).", status);
                }

                if (NextHop(current, response.Headers.Location) is not { } next)
                {
                    return ModelProbeResult.Fail(ModelProbeFailure.Redirect, $"The server answered HTTP {status} without a usable Location.", status);
                }

                if (!IsHttp(next))
                {
                    return ModelProbeResult.Fail(ModelProbeFailure.Blocked, $"Redirect to a {next.Scheme}:// URL refused; only http and https are followed.", status);
                }

                if (next.UserInfo.Length > 0)
                {
                    return ModelProbeResult.Fail(ModelProbeFailure.Blocked, "Redirect to a URL with a user name or password refused.", status);
                }

                if (current.Scheme == Uri.UriSchemeHttps && next.Scheme == Uri.UriSchemeHttp)
                {
                    return ModelProbeResult.Fail(ModelProbeFailure.Redirect, "Redirect from HTTPS to plain HTTP refused.", status);
                }

                current = next;
            }
        }
    }

    /// <summary>Refuses a host that is a blocked address literal or a loopback name, before any connection is attempted.</summary>
    /// <remarks>
    /// <see cref="Uri"/> has already turned 2130706433, 0x7f000001, 0177.0.0.1, 127.1 and full-width digits into
    /// 127.0.0.1 in <see cref="Uri.IdnHost"/>; a trailing dot ("127.0.0.1.") it leaves as a DNS name, so it is dropped here.
    /// The connect callback sees the real address anyway; this check gives the clearer message and saves the round trip.
    /// </remarks>
    private string? CheckHostLiteral(Uri url)
    {
        var host = url.IdnHost;
        var scope = host.IndexOf('%', StringComparison.Ordinal);
        var literal = (scope >= 0 ? host[..scope] : host).TrimEnd('.');
        if (IPAddress.TryParse(literal, out var address))
        {
            var kind = NetworkGuard.Classify(address);
            return kind == BlockedAddressKind.None || _guard.IsAllowListed(address, url.Port)
                ? null
                : ProbeMessages.AddressNotAllowed(address, kind);
        }

        var name = NetworkGuard.NormalizeHost(host);
        if (_guard.IsAllowListed(name, url.Port))
        {
            return null;
        }

        // RFC 6761: localhost and every name under it is loopback, whatever the resolver says.
        return name == "localhost" || name.EndsWith(".localhost", StringComparison.Ordinal)
            ? ProbeMessages.HostNotAllowed(name, BlockedAddressKind.Loopback)
            : null;
    }

    private static ModelProbeResult FromSendFailure(HttpRequestException exception, Uri target, bool afterRedirect)
    {
        for (Exception? inner = exception; inner is not null; inner = inner.InnerException)
        {
            if (inner is ProbeRefusedException refused)
            {
                var message = afterRedirect && refused.Failure == ModelProbeFailure.Blocked ? ProbeMessages.RedirectRefused(refused.Message) : refused.Message;
                return ModelProbeResult.Fail(refused.Failure, message);
            }
        }

        var authority = Authority(target);
        return ModelProbeResult.Fail(ModelProbeFailure.Connection, exception.HttpRequestError switch
        {
            HttpRequestError.SecureConnectionError => $"The TLS handshake with {authority} failed.",
            HttpRequestError.NameResolutionError => $"The host name {target.IdnHost} could not be resolved.",
            HttpRequestError.ConnectionError => $"Could not connect to {authority}.",
            HttpRequestError.ResponseEnded or HttpRequestError.InvalidResponse => $"{authority} closed the connection or sent an invalid HTTP answer.",
            _ => $"The request to {authority} failed.",
        });
    }

    private async Task<ModelProbeResult> ReadAnswerAsync(HttpResponseMessage response, Uri target, bool sentKey, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        if (!response.IsSuccessStatusCode)
        {
            // The body is not read: it may quote the key back ("Incorrect API key provided: sk-…").
            var failure = status is 401 or 403 ? ModelProbeFailure.Authentication : ModelProbeFailure.HttpStatus;
            return ModelProbeResult.Fail(failure, ProbeMessages.Status(status, target.AbsolutePath, sentKey), status);
        }

        byte[]? body;
        try
        {
            // A Content-Length over the cap is refused unread; otherwise reading stops one byte past the cap.
            body = await CappedBodyReader.ReadAsync(response.Content, _maxResponseBytes, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            return ModelProbeResult.Fail(ModelProbeFailure.Connection, "The connection broke while reading the answer.", status);
        }

        return body is null
            ? ModelProbeResult.Fail(ModelProbeFailure.ResponseTooLarge, ProbeMessages.TooLarge(_maxResponseBytes), status)
            : ModelListAnswer.Parse(body, response.Content.Headers.ContentType?.MediaType, status);
    }

    private static Uri? NextHop(Uri current, Uri? location)
    {
        if (location is null)
        {
            return null;
        }

        try
        {
            return location.IsAbsoluteUri ? location : new Uri(current, location);
        }
        catch (UriFormatException)
        {
            return null;
        }
    }

    /// <summary>The key goes only to the origin the user typed, or its upgrade from http to https on the default ports.</summary>
    private static bool MayCarryKey(Uri origin, Uri target)
    {
        if (!string.Equals(origin.IdnHost, target.IdnHost, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return (origin.Scheme == target.Scheme && origin.Port == target.Port)
            || (origin.Scheme == Uri.UriSchemeHttp && target.Scheme == Uri.UriSchemeHttps && origin.IsDefaultPort && target.IsDefaultPort);
    }

    private static bool IsHttp(Uri url) => url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps;

    /// <summary>Visible ASCII only: anything else could split or corrupt the header line.</summary>
    private static bool IsHeaderSafe(string key)
    {
        foreach (var c in key)
        {
            if (c is < '!' or > '~')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Names a URL by host and port only: paths and query strings may carry secrets, so they stay out of logs.</summary>
    private static string Authority(Uri url)
    {
        var host = url.HostNameType == UriHostNameType.IPv6 ? $"[{url.IdnHost}]" : url.IdnHost;
        return url.IsDefaultPort ? host : $"{host}:{url.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
    }

    /// <summary>A last guard: whatever a message quotes (a host, a path), it never shows the key.</summary>
    private static string? Scrub(string? text, string? key) =>
        text is null || key is null ? text : text.Replace(key, "***", StringComparison.Ordinal);

    [LoggerMessage(EventId = 3100, Level = LogLevel.Debug, Message = "Model probe of {Target} listed {Count} models in {LatencyMs} ms")]
    private static partial void LogListed(ILogger logger, string target, int count, double latencyMs);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "Model probe of {Target} refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string target, string reason);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Information, Message = "Model probe of {Target} failed ({Failure}): {Reason}")]
    private static partial void LogFailed(ILogger logger, string target, ModelProbeFailure failure, string reason);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Error, Message = "Model probe of {Target} failed unexpectedly with {ExceptionType}")]
    private static partial void LogUnexpected(ILogger logger, string target, string exceptionType);
}
