namespace Switchboard.Core.Caching;

/// <summary>Decides which answers are stored: the one place that says what a cacheable answer is.</summary>
internal static class AnswerRules
{
    /// <summary>Returns whether a choice with this finish reason ended whole: <c>stop</c>, <c>length</c> or <c>tool_calls</c>; a filtered or unfinished one is not stored.</summary>
    public static bool IsStorable(string? finishReason) => finishReason is "stop" or "length" or "tool_calls";
}
