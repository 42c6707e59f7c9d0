using Switchboard.Abstractions.Providers;

namespace Switchboard.Providers.Gemini;

/// <summary>Holds the request-translation switches of one Gemini endpoint, read from its options.</summary>
/// <remarks>
/// <c>tool_parameters</c>: <c>schema</c> (default) sends <c>functionDeclarations[].parameters</c> cleaned to the
/// OpenAPI subset Gemini accepts; <c>json_schema</c> sends the client's schema untouched as
/// <c>parametersJsonSchema</c> (newer models). <c>thought_signature_fallback</c>: a value to send as
/// <c>thoughtSignature</c> on the first function call of an assistant turn whose client dropped ours
/// (Google documents <c>skip_thought_signature_validator</c> for history that has none); unset by default.
/// </remarks>
internal sealed record GeminiRequestOptions(bool ParametersAsJsonSchema, string? ThoughtSignatureFallback)
{
    public static GeminiRequestOptions For(UpstreamEndpoint endpoint) => new(
        string.Equals(endpoint.GetOption("tool_parameters"), "json_schema", StringComparison.OrdinalIgnoreCase),
        endpoint.GetOption("thought_signature_fallback"));
}
