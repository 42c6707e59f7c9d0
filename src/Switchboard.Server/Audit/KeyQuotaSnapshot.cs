namespace Switchboard.Server.Audit;

/// <summary>An upstream key's quota as the audit log records it.</summary>
internal sealed record KeyQuotaSnapshot(long? Tokens, decimal? Cost, string Period);
