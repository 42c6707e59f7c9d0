using System.Data.Common;
using Switchboard.Abstractions.Usage;
using Switchboard.Storage.Internal;

namespace Switchboard.Storage.Usage;

/// <summary>Maps <see cref="UsageRecord"/> to the flattened <c>usage_records</c> columns and back, in one fixed order.</summary>
internal static class UsageColumns
{
    /// <summary>Gets the column names in mapping order (the row id is left to the database).</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "request_id", "timestamp", "user_id", "virtual_key_id", "agent_name", "slot", "endpoint",
        "requested_model", "catalog_model", "platform", "provider", "upstream_model", "key_id",
        "input_tokens", "output_tokens", "cached_input_tokens", "cache_write_tokens", "reasoning_tokens",
        "usage_source", "provider_cost", "user_price", "latency_ms", "ttft_ms", "attempts", "stream",
        "status", "error_type", "http_status", "cache_write_1h_tokens", "protocol",
    ];

    /// <summary>Gets the number of mapped columns.</summary>
    public static int Count => Names.Count;

    /// <summary>Gets the comma-separated column list.</summary>
    public static string List { get; } = string.Join(", ", Names);

    /// <summary>Writes a record's column values, encoded for the dialect, into <paramref name="values"/>; nulls stay null.</summary>
    public static void Fill(UsageRecord record, Dialect dialect, object?[] values)
    {
        values[0] = record.RequestId;
        values[1] = dialect.Time(record.Timestamp);
        values[2] = record.UserId;
        values[3] = record.VirtualKeyId;
        values[4] = record.AgentName;
        values[5] = record.Slot;
        values[6] = record.Endpoint;
        values[7] = record.RequestedModel;
        values[8] = record.CatalogModel;
        values[9] = record.Platform;
        values[10] = record.Provider;
        values[11] = record.UpstreamModel;
        values[12] = record.KeyId;
        values[13] = record.Tokens.InputTokens;
        values[14] = record.Tokens.OutputTokens;
        values[15] = record.Tokens.CachedInputTokens;
        values[16] = record.Tokens.CacheWriteTokens;
        values[17] = record.Tokens.ReasoningTokens;
        values[18] = EnumText.ToText(record.UsageSource);
        values[19] = dialect.Money(record.ProviderCost);
        values[20] = dialect.Money(record.UserPrice);
        values[21] = record.LatencyMs;
        values[22] = record.TimeToFirstTokenMs;
        values[23] = record.Attempts;
        values[24] = record.Stream;
        values[25] = record.Status;
        values[26] = record.ErrorType;
        values[27] = record.HttpStatus;
        values[28] = record.Tokens.CacheWrite1HourTokens;
        values[29] = record.Protocol;
    }

    /// <summary>Reads a record from a row selected with <see cref="List"/>.</summary>
    public static UsageRecord Read(DbDataReader reader, Dialect dialect) => new()
    {
        RequestId = reader.GetString(0),
        Timestamp = dialect.ReadTime(reader, 1),
        UserId = reader.GetString(2),
        VirtualKeyId = reader.GetInt64OrNull(3),
        AgentName = reader.GetStringOrNull(4),
        Slot = reader.GetStringOrNull(5),
        Endpoint = reader.GetString(6),
        RequestedModel = reader.GetString(7),
        CatalogModel = reader.GetStringOrNull(8),
        Platform = reader.GetStringOrNull(9),
        Provider = reader.GetStringOrNull(10),
        UpstreamModel = reader.GetStringOrNull(11),
        KeyId = reader.GetInt64OrNull(12),
        Tokens = new TokenUsage(
            reader.GetInt64(13),
            reader.GetInt64(14),
            reader.GetInt64(15),
            reader.GetInt64(16),
            reader.GetInt64(17),
            reader.GetInt64(28)),
        UsageSource = EnumText.ParseUsageSource(reader.GetString(18)),
        ProviderCost = dialect.ReadMoney(reader, 19),
        UserPrice = dialect.ReadMoney(reader, 20),
        LatencyMs = reader.GetDouble(21),
        TimeToFirstTokenMs = reader.GetDoubleOrNull(22),
        Attempts = reader.GetInt32(23),
        Stream = reader.GetBoolean(24),
        Status = reader.GetString(25),
        ErrorType = reader.GetStringOrNull(26),
        HttpStatus = reader.GetInt32(27),
        Protocol = reader.GetString(29),
    };
}
