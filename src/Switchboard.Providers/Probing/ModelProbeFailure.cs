namespace Switchboard.Providers.Probing;

/// <summary>Says which kind of failure ended a probe, so callers can tell a refused URL from an upstream problem.</summary>
public enum ModelProbeFailure
{
    /// <summary>The probe succeeded.</summary>
    None,

    /// <summary>The base URL or the API key cannot be used (not http(s), user-info, malformed, bad characters).</summary>
    InvalidInput,

    /// <summary>The URL, a redirect or a resolved address points at a blocked address.</summary>
    Blocked,

    /// <summary>The host did not resolve, the connection failed or broke, or TLS failed.</summary>
    Connection,

    /// <summary>The probe ran out of time.</summary>
    Timeout,

    /// <summary>The server refused the API key (HTTP 401 or 403).</summary>
    Authentication,

    /// <summary>The server answered another non-success status.</summary>
    HttpStatus,

    /// <summary>Too many redirects, a redirect without a usable location, or a downgrade to plain HTTP.</summary>
    Redirect,

    /// <summary>The answer was larger than the configured cap.</summary>
    ResponseTooLarge,

    /// <summary>The answer was not JSON, or not a model list.</summary>
    InvalidResponse,
}
