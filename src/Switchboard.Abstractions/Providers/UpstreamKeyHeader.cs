namespace Switchboard.Abstractions.Providers;

/// <summary>Names the HTTP header that carries an upstream key, and the scheme written before the key (empty for none).</summary>
/// <param name="Name">The header name (<c>Authorization</c>, <c>x-api-key</c>, ...).</param>
/// <param name="Scheme">The scheme before the key (<c>Bearer</c>), or empty when the header holds the key alone.</param>
public sealed record UpstreamKeyHeader(string Name, string Scheme);
