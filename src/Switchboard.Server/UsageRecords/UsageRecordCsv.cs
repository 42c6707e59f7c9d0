using System.Globalization;
using System.Text;

namespace Switchboard.Server.UsageRecords;

/// <summary>Writes usage records as CSV (RFC 4180): a header of the JSON field names, then one line per record.</summary>
/// <remarks>
/// Text a client chose (an agent name, a model name) may start with <c>=</c>, <c>+</c>, <c>-</c> or <c>@</c>, which
/// spreadsheets run as a formula when the file is opened; such a cell (unless it is a plain number, such as the system user <c>-1</c>) is written with a leading <c>'</c>, as OWASP
/// advises for CSV exports. Numbers are written invariantly and exactly (money as decimal text).
/// </remarks>
internal static class UsageRecordCsv
{
    private static readonly (string Name, Func<UsageRecordView, string?> Value)[] Columns =
    [
        ("request_id", r => Text(r.RequestId)),
        ("timestamp", r => r.Timestamp.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)),
        ("user_id", r => Text(r.UserId)),
        ("virtual_key_id", r => Number(r.VirtualKeyId)),
        ("agent_name", r => Text(r.AgentName)),
        ("slot", r => Text(r.Slot)),
        ("endpoint", r => Text(r.Endpoint)),
        ("protocol", r => Text(r.Protocol)),
        ("requested_model", r => Text(r.RequestedModel)),
        ("catalog_model", r => Text(r.CatalogModel)),
        ("platform", r => Text(r.Platform)),
        ("provider", r => Text(r.Provider)),
        ("upstream_model", r => Text(r.UpstreamModel)),
        ("key_id", r => Number(r.KeyId)),
        ("input_tokens", r => Number(r.InputTokens)),
        ("output_tokens", r => Number(r.OutputTokens)),
        ("cached_input_tokens", r => Number(r.CachedInputTokens)),
        ("cache_write_tokens", r => Number(r.CacheWriteTokens)),
        ("cache_write_1h_tokens", r => Number(r.CacheWrite1HourTokens)),
        ("reasoning_tokens", r => Number(r.ReasoningTokens)),
        ("total_tokens", r => Number(r.TotalTokens)),
        ("usage_source", r => r.UsageSource),
        ("provider_cost", r => r.ProviderCost?.ToString(CultureInfo.InvariantCulture)),
        ("user_price", r => r.UserPrice.ToString(CultureInfo.InvariantCulture)),
        ("latency_ms", r => r.LatencyMs.ToString("R", CultureInfo.InvariantCulture)),
        ("ttft_ms", r => r.TimeToFirstTokenMs?.ToString("R", CultureInfo.InvariantCulture)),
        ("attempts", r => Number(r.Attempts)),
        ("stream", r => r.Stream ? "true" : "false"),
        ("status", r => Text(r.Status)),
        ("error_type", r => Text(r.ErrorType)),
        ("http_status", r => Number(r.HttpStatus)),
    ];

    /// <summary>Writes the header line.</summary>
    public static void WriteHeader(StringBuilder into) => WriteLine(into, Columns.Select(c => c.Name));

    /// <summary>Writes one record's line.</summary>
    public static void WriteRecord(StringBuilder into, UsageRecordView record) => WriteLine(into, Columns.Select(c => c.Value(record)));

    private static void WriteLine(StringBuilder into, IEnumerable<string?> cells)
    {
        var first = true;
        foreach (var cell in cells)
        {
            if (!first)
            {
                into.Append(',');
            }

            first = false;
            if (cell is null)
            {
                continue;
            }

            if (cell.AsSpan().IndexOfAny(",\"\r\n") < 0)
            {
                into.Append(cell);
            }
            else
            {
                into.Append('"').Append(cell.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            }
        }

        into.Append("\r\n");
    }

    private static string? Text(string? value) =>
        value is { Length: > 0 } && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r'
            && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
            ? "'" + value
            : value;

    private static string? Number(long? value) => value?.ToString(CultureInfo.InvariantCulture);
}
