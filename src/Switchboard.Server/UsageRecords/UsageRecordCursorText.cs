using System.Globalization;
using Switchboard.Abstractions.Usage;

namespace Switchboard.Server.UsageRecords;

/// <summary>Writes and reads the paging cursor of the usage-record routes as opaque text: the record's time in ticks and its row id.</summary>
internal static class UsageRecordCursorText
{
    /// <summary>Formats a cursor, or returns null for none.</summary>
    public static string? Format(UsageRecordCursor? cursor) =>
        cursor is { } value ? string.Create(CultureInfo.InvariantCulture, $"{value.Timestamp.UtcTicks}.{value.RowId}") : null;

    /// <summary>Parses a cursor a previous page returned; anything else fails.</summary>
    public static bool TryParse(string text, out UsageRecordCursor cursor)
    {
        cursor = default;
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0
            || !long.TryParse(text.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || !long.TryParse(text.AsSpan(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var rowId)
            || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            return false;
        }

        cursor = new UsageRecordCursor(new DateTimeOffset(ticks, TimeSpan.Zero), rowId);
        return true;
    }
}
