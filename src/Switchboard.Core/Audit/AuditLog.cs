using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Abstractions.Audit;
using Switchboard.Abstractions.Storage;
using Switchboard.Core.Pipeline;

namespace Switchboard.Core.Audit;

/// <summary>Records configuration changes in the audit log: who, what, which target, when, the request, and the masked before and after.</summary>
/// <remarks>
/// Call it after the change is stored. Recording never fails the change: a write that fails or takes longer than
/// <see cref="AuditOptions.WriteTimeout"/> is logged (action and target only, never the before/after) and dropped.
/// Thread-safe; a singleton.
/// </remarks>
/// <param name="store">Where entries are stored.</param>
/// <param name="options">The audit settings.</param>
/// <param name="time">The clock.</param>
/// <param name="logger">Logs entries that could not be stored.</param>
/// <param name="contracts">The compiled JSON contracts of the before and after values; without them only <see cref="System.Text.Json.Nodes.JsonNode"/> values are recorded.</param>
public sealed partial class AuditLog(IAuditStore store, IOptions<AuditOptions> options, TimeProvider time, ILogger<AuditLog> logger, AuditContracts? contracts = null)
{
    // Contracts, not reflection: the native build has no reflection-based serializer.
    private readonly IJsonTypeInfoResolver _contracts = contracts?.Resolver ?? JsonTypeInfoResolver.Combine();

    /// <summary>Records one change made by <paramref name="caller"/> in the request <paramref name="requestId"/>.</summary>
    public Task RecordAsync(CallerIdentity caller, string? requestId, AuditEvent change) => RecordAsync(caller, requestId, [change]);

    /// <summary>Records the changes one request made (e.g. one per model of a batch), in one transaction and in order.</summary>
    public async Task RecordAsync(CallerIdentity caller, string? requestId, IReadOnlyList<AuditEvent> changes)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count == 0)
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(options.Value.WriteTimeout, time);
            var now = time.GetUtcNow();
            var actor = AuditActor.For(caller);
            var entries = changes.Select(change => new AuditEntry
            {
                Timestamp = now,
                Actor = actor,
                VirtualKeyId = caller.VirtualKeyId,
                Action = change.Action,
                TargetType = change.TargetType,
                Target = change.Target,
                RequestId = requestId,
                Before = AuditJson.Write(change.Before, _contracts),
                After = AuditJson.Write(change.After, _contracts),
            }).ToList();
            await store.InsertAuditAsync(entries, timeout.Token).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The change is already stored; losing its record must not turn it into an error for the caller.
        catch (Exception e)
#pragma warning restore CA1031
        {
            var first = changes[0];
            LogFailed(logger, changes.Count, first.Action, first.TargetType, first.Target, requestId, e.GetType().Name, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Count} audit entries, the first for {Action} on {TargetType} '{Target}' (request {RequestId}), were not stored ({ExceptionType}: {Reason}); the change itself stands.")]
    private static partial void LogFailed(ILogger logger, int count, string action, string targetType, string target, string? requestId, string exceptionType, string reason);
}
