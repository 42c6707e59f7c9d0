namespace Switchboard.Abstractions.Usage;

/// <summary>Reports what a purge of expired raw usage records did.</summary>
/// <param name="RecordsRolledUp">The raw records deleted; the hourly and daily rollups, written with each record, keep their totals.</param>
/// <param name="HourlyRowsWritten">Always 0: since schema version 17 the rollups are written with the records, not by the purge.</param>
/// <param name="Cutoff">The hour boundary before which raw records were purged.</param>
public sealed record UsagePurgeResult(long RecordsRolledUp, long HourlyRowsWritten, DateTimeOffset Cutoff);
