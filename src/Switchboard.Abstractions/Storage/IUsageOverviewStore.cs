using Switchboard.Abstractions.Usage;

namespace Switchboard.Abstractions.Storage;

/// <summary>Computes a period's usage overview in the database: totals, a bucketed timeline, latency percentiles and the top groups.</summary>
/// <remarks>
/// Implementations aggregate in SQL and return only the figures (a few rows per bucket and group), never every record.
/// They are singletons and thread-safe; one call reads in one short read-only transaction.
/// </remarks>
public interface IUsageOverviewStore
{
    /// <summary>Computes the overview of the query's range.</summary>
    Task<UsageOverview> OverviewAsync(UsageOverviewQuery query, CancellationToken cancellationToken);
}
