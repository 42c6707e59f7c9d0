namespace Switchboard.Abstractions.Providers;

/// <summary>Names a wire protocol the engine can speak upstream.</summary>
/// <remarks>Capabilities are separate interfaces detected by type; a kind implements only what it supports.</remarks>
public interface IProviderKind
{
    /// <summary>Gets the kind name used in configuration (<c>openai</c>, <c>anthropic</c>, <c>gemini</c>, ...).</summary>
    string Name { get; }

    /// <summary>Gets a value indicating whether calls need an upstream credential (false for offline or local kinds).</summary>
    bool RequiresApiKey => true;

    /// <summary>Gets the base URL a platform of this kind uses when it names none (and no preset gives one), or null when a platform must name one.</summary>
    /// <remarks>Only a kind that never leaves the process (the built-in demo) has one: a placeholder nothing connects to.</remarks>
    string? DefaultBaseUrl => null;

    /// <summary>Describes how calls to <paramref name="endpoint"/> send the key, or null for a kind that sends none.</summary>
    /// <remarks>Shown to operators (the presets list) so they know what a key is for; the request path does not call it.</remarks>
    UpstreamKeyHeader? KeyHeader(UpstreamEndpoint endpoint) => RequiresApiKey ? new UpstreamKeyHeader("Authorization", "Bearer") : null;
}
