namespace Switchboard.Server.Audit;

/// <summary>A deleted user the gateway had no record of, as the audit log records it: the id alone.</summary>
internal sealed record UserIdSnapshot(string Id);
