using System.Data.Common;
using Switchboard.Abstractions.Audit;
using Switchboard.Storage.Internal;

namespace Switchboard.Storage.Audit;

/// <summary>Reads and writes the <c>audit_log</c> table.</summary>
internal static class AuditTable
{
    private const string Columns = "id, created_at, actor, virtual_key_id, action, target_type, target, request_id, before_json, after_json";

    /// <summary>Inserts one entry.</summary>
    public static Task<int> InsertAsync(DbSession session, AuditEntry entry, CancellationToken cancellationToken) =>
        session.ExecuteAsync(
            "INSERT INTO audit_log (created_at, actor, virtual_key_id, action, target_type, target, request_id, before_json, after_json) " +
            "VALUES (@created_at, @actor, @virtual_key_id, @action, @target_type, @target, @request_id, @before_json, @after_json)",
            cancellationToken,
            ("@created_at", session.Dialect.Time(entry.Timestamp)),
            ("@actor", entry.Actor),
            ("@virtual_key_id", entry.VirtualKeyId),
            ("@action", entry.Action),
            ("@target_type", entry.TargetType),
            ("@target", entry.Target),
            ("@request_id", entry.RequestId),
            ("@before_json", entry.Before),
            ("@after_json", entry.After));

    /// <summary>Reads the entries matching the query, newest (highest id) first; the limit is clamped to 1..<see cref="AuditQuery.MaxLimit"/>.</summary>
    public static Task<List<AuditEntry>> QueryAsync(DbSession session, AuditQuery query, CancellationToken cancellationToken)
    {
        var dialect = session.Dialect;
        var (sql, parameters) = new SqlFilter("SELECT " + Columns + " FROM audit_log")
            .And("actor = @actor", "@actor", query.Actor)
            .And("action = @action", "@action", query.Action)
            .And("target_type = @target_type", "@target_type", query.TargetType)
            .And("target = @target", "@target", query.Target)
            .And("created_at >= @since", "@since", query.Since is { } since ? dialect.Time(since) : null)
            .And("created_at < @until", "@until", query.Until is { } until ? dialect.Time(until) : null)
            .And("id < @before_id", "@before_id", query.BeforeId)
            .Build("id DESC", Math.Clamp(query.Limit, 1, AuditQuery.MaxLimit));
        return session.QueryAsync(sql, r => Read(dialect, r), cancellationToken, parameters);
    }

    /// <summary>Deletes entries recorded before the cutoff.</summary>
    public static Task<int> PurgeAsync(DbSession session, DateTimeOffset olderThan, CancellationToken cancellationToken) =>
        session.ExecuteAsync("DELETE FROM audit_log WHERE created_at < @cutoff", cancellationToken, ("@cutoff", session.Dialect.Time(olderThan)));

    private static AuditEntry Read(Dialect dialect, DbDataReader reader) => new()
    {
        Id = reader.GetInt64(0),
        Timestamp = dialect.ReadTime(reader, 1),
        Actor = reader.GetString(2),
        VirtualKeyId = reader.GetInt64OrNull(3),
        Action = reader.GetString(4),
        TargetType = reader.GetString(5),
        Target = reader.GetString(6),
        RequestId = reader.GetStringOrNull(7),
        Before = reader.GetStringOrNull(8),
        After = reader.GetStringOrNull(9),
    };
}
