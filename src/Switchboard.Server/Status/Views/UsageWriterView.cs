using System.Text.Json.Serialization;

namespace Switchboard.Server.Status.Views;

/// <summary>Reports the usage pipeline: queue, writer and journal.</summary>
/// <param name="QueueDepth">Records waiting in memory.</param>
/// <param name="QueueOverflows">Records that went to the overflow queue.</param>
/// <param name="Persisted">Records written to the database.</param>
/// <param name="Failures">Failed database writes.</param>
/// <param name="Journaled">Records spilled to the local journal.</param>
/// <param name="JournalPending">Journaled records not yet replayed.</param>
/// <param name="Degraded">Whether the database was unavailable at the last write.</param>
internal sealed record UsageWriterView(
    [property: JsonPropertyName("queue_depth")] long QueueDepth,
    [property: JsonPropertyName("queue_overflows")] long QueueOverflows,
    [property: JsonPropertyName("persisted")] long Persisted,
    [property: JsonPropertyName("failures")] long Failures,
    [property: JsonPropertyName("journaled")] long Journaled,
    [property: JsonPropertyName("journal_pending")] long JournalPending,
    [property: JsonPropertyName("degraded")] bool Degraded);
