namespace Switchboard.Storage.Usage;

/// <summary>Describes one usage rollup table: its name, its period column and width, and the dimensions its rows are keyed by.</summary>
/// <param name="Table">The table name.</param>
/// <param name="Period">The column holding the period's start.</param>
/// <param name="Width">The period: an hour or a UTC day.</param>
/// <param name="Dimensions">The dimension columns after the period, in key order.</param>
internal sealed record UsageRollupTable(string Table, string Period, TimeSpan Width, IReadOnlyList<string> Dimensions)
{
    /// <summary>Returns true when the table has every column a report groups or filters by.</summary>
    public bool Has(IEnumerable<string> columns) => columns.All(Dimensions.Contains);
}
