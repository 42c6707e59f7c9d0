using System.Runtime.CompilerServices;
using Switchboard.Abstractions.Providers;

namespace Switchboard.Providers.OpenAI;

/// <summary>Holds the quirk switches of one OpenAI-compatible endpoint, read from its options.</summary>
/// <remarks>Options are strings so presets stay data; see <see cref="Presets.BuiltInPresets"/>.</remarks>
internal sealed record OpenAIWireOptions
{
    /// <summary>Gets the header that carries the key (<c>Authorization</c> or <c>api-key</c>).</summary>
    public string AuthHeader { get; init; } = "Authorization";

    /// <summary>Gets the scheme before the key in the auth header (<c>Bearer</c>, or empty for none).</summary>
    public string AuthScheme { get; init; } = "Bearer";

    /// <summary>Gets the header and scheme that carry the key, as the presets list shows them.</summary>
    public UpstreamKeyHeader KeyHeader => new(AuthHeader, AuthScheme);

    /// <summary>Gets the outgoing name of the output cap: null keeps the client's field.</summary>
    public string? MaxTokensField { get; init; }

    /// <summary>Gets a value indicating whether to ask for <c>stream_options.include_usage</c>.</summary>
    public bool StreamUsage { get; init; } = true;

    /// <summary>Gets a value indicating whether the endpoint serves the Responses API itself (option <c>responses: native</c>), so a Responses client's request passes through unchanged.</summary>
    public bool NativeResponses { get; init; }

    /// <summary>Gets fields removed before the request goes upstream.</summary>
    public IReadOnlySet<string> DropFields { get; init; } = new HashSet<string>();

    private static readonly ConditionalWeakTable<UpstreamEndpoint, OpenAIWireOptions> Cache = [];

    /// <summary>Gets the options of an endpoint, parsed once per endpoint snapshot.</summary>
    public static OpenAIWireOptions For(UpstreamEndpoint endpoint) => Cache.GetValue(endpoint, From);

    public static OpenAIWireOptions From(UpstreamEndpoint endpoint)
    {
        var drop = endpoint.GetOption("drop_fields");
        return new OpenAIWireOptions
        {
            AuthHeader = endpoint.GetOption("auth_header", "Authorization")!,
            AuthScheme = endpoint.GetOption("auth_scheme", endpoint.GetOption("auth_header") is { } h && !h.Equals("Authorization", StringComparison.OrdinalIgnoreCase) ? "" : "Bearer")!,
            MaxTokensField = endpoint.GetOption("max_tokens_field"),
            StreamUsage = !string.Equals(endpoint.GetOption("stream_usage"), "false", StringComparison.OrdinalIgnoreCase),
            NativeResponses = string.Equals(endpoint.GetOption("responses"), "native", StringComparison.OrdinalIgnoreCase),
            DropFields = drop is null ? new HashSet<string>() : drop.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal),
        };
    }
}
