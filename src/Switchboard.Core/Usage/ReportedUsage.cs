using Switchboard.Abstractions.Usage;

namespace Switchboard.Core.Usage;

/// <summary>Decides whether token counts an upstream reported can be believed before anyone is charged for them.</summary>
/// <remarks>
/// Upstream answers are untrusted: a broken or hostile server (a user's private platform can point anywhere) can report
/// -100 or 10^15 tokens, and the record would be priced as is, a negative or absurd charge. Counts that cannot be true are
/// replaced by the local estimate and the record is marked <see cref="UsageSource.Corrected"/>.
/// </remarks>
internal static class ReportedUsage
{
    /// <summary>The most tokens one count of one call may hold; no model reads or writes ten million tokens in one call.</summary>
    public const long MaxTokens = 10_000_000;

    /// <summary>Returns whether the counts can be true: none negative, none beyond <see cref="MaxTokens"/>, and the parts of the input (cache reads and writes) and of the output (reasoning) within their whole.</summary>
    public static bool IsPlausible(in TokenUsage usage) =>
        usage.InputTokens is >= 0 and <= MaxTokens
        && usage.OutputTokens is >= 0 and <= MaxTokens
        && usage.CachedInputTokens >= 0
        && usage.CacheWriteTokens >= 0
        && usage.CacheWrite1HourTokens >= 0 && usage.CacheWrite1HourTokens <= usage.CacheWriteTokens
        && usage.ReasoningTokens is >= 0 and <= MaxTokens
        && usage.CachedInputTokens + usage.CacheWriteTokens <= usage.InputTokens;

    /// <summary>Returns the reported usage when it can be true, otherwise the estimate, with the source the record should carry.</summary>
    public static (TokenUsage Usage, UsageSource Source) Believe(TokenUsage reported, UsageSource source, Func<TokenUsage> estimate) =>
        source != UsageSource.Reported || IsPlausible(reported) ? (reported, source) : (estimate(), UsageSource.Corrected);
}
