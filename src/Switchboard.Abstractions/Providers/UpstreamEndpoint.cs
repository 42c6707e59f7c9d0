using System.Text.Json;

namespace Switchboard.Abstractions.Providers;

/// <summary>Describes where and how to reach one configured platform, resolved from its kind and preset.</summary>
/// <remarks>
/// <see cref="Options"/> carries kind-specific settings as plain strings (for example <c>api_version</c>,
/// <c>max_tokens_field</c>, <c>auth_header</c>); each provider reads the ones it knows. Immutable.
/// </remarks>
public sealed record UpstreamEndpoint
{
    /// <summary>Gets the platform name, for logs and errors.</summary>
    public required string PlatformName { get; init; }

    /// <summary>Gets the provider kind that speaks to this endpoint (<c>openai</c>, <c>anthropic</c>, ...).</summary>
    public required string Kind { get; init; }

    /// <summary>Gets the base URL, without a trailing slash.</summary>
    public required Uri BaseUrl { get; init; }

    /// <summary>
    /// Gets a value indicating whether a user rather than the operator chose <see cref="BaseUrl"/> (a private platform).
    /// Such endpoints are only connected through the SSRF guard, which refuses loopback, private, link-local and
    /// metadata addresses at connect time unless the operator allowlisted them.
    /// </summary>
    public bool Guarded { get; init; }

    /// <summary>Gets extra HTTP headers to send on every call.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = EmptyStrings;

    /// <summary>Gets kind-specific settings.</summary>
    public IReadOnlyDictionary<string, string> Options { get; init; } = EmptyStrings;

    /// <summary>Gets the platform's default extra body fields (a JSON object), merged under the client's fields.</summary>
    public JsonElement? ExtraBody { get; init; }

    private static readonly IReadOnlyDictionary<string, string> EmptyStrings = new Dictionary<string, string>();

    /// <summary>Gets an option value, or <paramref name="fallback"/> when it is not set.</summary>
    public string? GetOption(string name, string? fallback = null) =>
        Options.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value) ? value : fallback;
}
