namespace Switchboard.Abstractions.Usage;

/// <summary>Holds one page of listed usage records, newest first, and where the next page starts.</summary>
/// <param name="Records">The records of this page.</param>
/// <param name="Next">The cursor of the next page, or null when this page is the last.</param>
public sealed record UsageRecordPage(IReadOnlyList<UsageRecord> Records, UsageRecordCursor? Next);
