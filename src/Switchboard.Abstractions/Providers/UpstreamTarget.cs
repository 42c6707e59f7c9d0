using System.Text.Json;

namespace Switchboard.Abstractions.Providers;

/// <summary>Names one source for one call: the endpoint, the upstream model name and the key to use.</summary>
/// <remarks>The key is plain text in memory only; it never appears in logs, errors or records.</remarks>
public sealed record UpstreamTarget
{
    /// <summary>Gets the endpoint to call.</summary>
    public required UpstreamEndpoint Endpoint { get; init; }

    /// <summary>Gets the model name the upstream knows.</summary>
    public required string UpstreamModel { get; init; }

    /// <summary>Gets the credential, or null for endpoints that need none (Ollama, vLLM, demo).</summary>
    public string? ApiKey { get; init; }

    /// <summary>Gets the model's extra body fields (a JSON object), merged over the platform's and under the client's.</summary>
    public JsonElement? ExtraBody { get; init; }
}
