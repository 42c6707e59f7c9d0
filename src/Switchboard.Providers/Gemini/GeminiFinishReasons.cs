namespace Switchboard.Providers.Gemini;

/// <summary>Maps Gemini <c>finishReason</c> values to OpenAI <c>finish_reason</c> values (LiteLLM's mapping), and canonical ones back for a Gemini client.</summary>
public static class GeminiFinishReasons
{
    /// <summary>Maps one value; <paramref name="hasToolCalls"/> turns a plain stop into <c>tool_calls</c>.</summary>
    /// <remarks>
    /// Blocking reasons (safety, recitation, language, blocklist, prohibited content, SPII, the image variants and
    /// <c>OTHER</c>) become <c>content_filter</c>. Failed tool calls (<c>MALFORMED_FUNCTION_CALL</c>,
    /// <c>UNEXPECTED_TOOL_CALL</c>, <c>TOO_MANY_TOOL_CALLS</c>), <c>NO_IMAGE</c> and unknown values become <c>stop</c>.
    /// </remarks>
    public static string ToOpenAI(string? reason, bool hasToolCalls) => reason switch
    {
        "STOP" => hasToolCalls ? "tool_calls" : "stop",
        "MAX_TOKENS" => "length",
        "SAFETY" or "RECITATION" or "LANGUAGE" or "BLOCKLIST" or "PROHIBITED_CONTENT" or "SPII" or "OTHER"
            or "IMAGE_SAFETY" or "IMAGE_PROHIBITED_CONTENT" or "IMAGE_RECITATION" or "IMAGE_OTHER" => "content_filter",
        "MALFORMED_FUNCTION_CALL" or "UNEXPECTED_TOOL_CALL" or "TOO_MANY_TOOL_CALLS" or "FINISH_REASON_UNSPECIFIED" or "NO_IMAGE" => "stop",
        not null when reason.StartsWith("IMAGE_", StringComparison.Ordinal) => "content_filter",
        _ => hasToolCalls ? "tool_calls" : "stop",
    };

    /// <summary>Maps a canonical finish reason to Gemini's: a tool call ends with <c>STOP</c> as Gemini's own do; an unknown or missing reason is <c>STOP</c>.</summary>
    public static string FromOpenAI(string? reason) => reason switch
    {
        "length" => "MAX_TOKENS",
        "content_filter" => "SAFETY",
        _ => "STOP",
    };
}
