namespace Switchboard.Server.Audit;

/// <summary>An upstream key's status before or after a revalidation, as the audit log records it.</summary>
internal sealed record KeyStatusSnapshot(string Status);
