namespace Switchboard.Core.Audit;

/// <summary>Describes one change to record: the action, its target, and the target before and after (any serializable value; secrets are masked on the way in).</summary>
/// <param name="Action">The action, one of <see cref="AuditActions"/>.</param>
/// <param name="TargetType">The target's kind, one of <see cref="AuditTargets"/>.</param>
/// <param name="Target">The target's id or name.</param>
/// <param name="Before">The target before the change, or null when it did not exist.</param>
/// <param name="After">The target after the change, or null when it no longer exists.</param>
public sealed record AuditEvent(string Action, string TargetType, string Target, object? Before = null, object? After = null);
