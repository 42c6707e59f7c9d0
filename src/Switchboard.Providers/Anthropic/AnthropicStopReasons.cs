namespace Switchboard.Providers.Anthropic;

/// <summary>Maps Anthropic <c>stop_reason</c> values to OpenAI <c>finish_reason</c> values.</summary>
internal static class AnthropicStopReasons
{
    public static string ToFinishReason(ReadOnlySpan<byte> stopReason) => stopReason switch
    {
        _ when stopReason.SequenceEqual("end_turn"u8) => "stop",
        _ when stopReason.SequenceEqual("stop_sequence"u8) => "stop",
        // A paused server-tool turn is unfinished, but OpenAI has no such value; the client sees a normal stop.
        _ when stopReason.SequenceEqual("pause_turn"u8) => "stop",
        _ when stopReason.SequenceEqual("max_tokens"u8) => "length",
        _ when stopReason.SequenceEqual("model_context_window_exceeded"u8) => "length",
        _ when stopReason.SequenceEqual("tool_use"u8) => "tool_calls",
        _ when stopReason.SequenceEqual("refusal"u8) => "content_filter",
        // Unknown future reasons end the turn; "stop" is the value every client handles.
        _ => "stop",
    };
}
