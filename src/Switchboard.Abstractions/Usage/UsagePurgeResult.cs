namespace Switchboard.Abstractions.Usage;

/// <summary>Reports what a roll-up and purge did.</summary>
/// <param name="RecordsRolledUp">The raw records folded into hourly rows and deleted.</param>
/// <param name="HourlyRowsWritten">The hourly rows inserted or updated.</param>
/// <param name="Cutoff">The hour boundary before which raw records were purged.</param>
public sealed record UsagePurgeResult(long RecordsRolledUp, long HourlyRowsWritten, DateTimeOffset Cutoff);
