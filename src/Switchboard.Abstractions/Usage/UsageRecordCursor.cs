namespace Switchboard.Abstractions.Usage;

/// <summary>Marks a stored usage record's place in the newest-first order: its request time, then its row id among records of the same time.</summary>
/// <param name="Timestamp">The record's request time, as stored.</param>
/// <param name="RowId">The record's storage row id, which breaks ties between records of the same time.</param>
public readonly record struct UsageRecordCursor(DateTimeOffset Timestamp, long RowId);
