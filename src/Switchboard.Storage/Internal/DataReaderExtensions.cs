using System.Data.Common;

namespace Switchboard.Storage.Internal;

/// <summary>Reads nullable columns by ordinal without boxing.</summary>
internal static class DataReaderExtensions
{
    /// <summary>Reads a text column that may be null.</summary>
    public static string? GetStringOrNull(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    /// <summary>Reads an integer column that may be null.</summary>
    public static int? GetInt32OrNull(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetInt32(ordinal);

    /// <summary>Reads a 64-bit integer column that may be null.</summary>
    public static long? GetInt64OrNull(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);

    /// <summary>Reads a floating-point column that may be null.</summary>
    public static double? GetDoubleOrNull(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetDouble(ordinal);
}
