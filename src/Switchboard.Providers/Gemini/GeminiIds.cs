namespace Switchboard.Providers.Gemini;

/// <summary>Makes the ids Gemini does not send: completion ids and tool call ids.</summary>
internal static class GeminiIds
{
    /// <summary>Gets a <c>chatcmpl-</c> id from the upstream <c>responseId</c>, or a random one.</summary>
    public static string Completion(string? responseId) =>
        string.IsNullOrEmpty(responseId) ? "chatcmpl-" + RandomHex() : "chatcmpl-" + responseId;

    /// <summary>Gets a fresh <c>call_…</c> id for a function call that came without one.</summary>
    public static string ToolCall() => "call_" + RandomHex();

    private static string RandomHex()
    {
        Span<byte> bytes = stackalloc byte[12];
        Random.Shared.NextBytes(bytes);
        return Convert.ToHexStringLower(bytes);
    }
}
