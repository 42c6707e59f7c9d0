using Switchboard.Abstractions.Chat;

namespace Switchboard.Providers.Anthropic;

/// <summary>Builds the <see cref="UpstreamErrorKind.InvalidRequest"/> errors of request translation, naming the field.</summary>
internal static class AnthropicRequestErrors
{
    public static UpstreamError Invalid(string param, string message) =>
        new(UpstreamErrorKind.InvalidRequest, message) { Param = param };

    public static UpstreamError Unsupported(string param, string what) =>
        Invalid(param, $"'{param}': {what} is not supported by Anthropic models.");
}
