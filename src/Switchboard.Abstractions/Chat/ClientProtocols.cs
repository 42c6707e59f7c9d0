namespace Switchboard.Abstractions.Chat;

/// <summary>Names the client protocols the gateway serves; the name is recorded on every usage record.</summary>
/// <remarks>
/// A provider compares <see cref="NativeRequest.Protocol"/> and <see cref="IChatStreamSink.PassthroughProtocol"/> against
/// these names to decide whether it can pass a client's bytes through unchanged.
/// </remarks>
public static class ClientProtocols
{
    /// <summary>OpenAI Chat Completions (<c>/v1/chat/completions</c>), the canonical form.</summary>
    public const string OpenAIChat = "openai-chat";

    /// <summary>OpenAI Responses (<c>/v1/responses</c>).</summary>
    public const string OpenAIResponses = "openai-responses";

    /// <summary>Anthropic Messages (<c>/v1/messages</c>).</summary>
    public const string AnthropicMessages = "anthropic-messages";

    /// <summary>Gemini <c>generateContent</c> (<c>/v1beta/models/{model}:generateContent</c>).</summary>
    public const string Gemini = "gemini";

    /// <summary>The original service's own routes (<c>/api/v1/chat/completions</c>).</summary>
    public const string Classic = "classic";

    /// <summary>The embedded .NET <c>IChatClient</c>.</summary>
    public const string Embedded = "embedded";
}
