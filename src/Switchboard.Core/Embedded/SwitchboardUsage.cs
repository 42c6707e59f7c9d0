using Switchboard.Abstractions.Storage;
using Switchboard.Abstractions.Usage;
using Switchboard.Core.Usage;

namespace Switchboard.Core.Embedded;

/// <summary>Answers usage questions for one embedded chat client: totals, groups and timelines of its own requests only.</summary>
/// <remarks>
/// Get it from the client: <c>chatClient.GetService&lt;SwitchboardUsage&gt;()</c>. Its scope is the client's identity:
/// the user it acts as, its agent name (a client without one sees only requests without one), and its usage slot
/// (a user client) or its model (a model client). Answers come from the usage store through the same queries as
/// <c>/api/v1/status/usage</c>, so they include requests only once the background usage writer has stored them.
/// Thread-safe; holds no resources.
/// </remarks>
public sealed class SwitchboardUsage
{
    private readonly IUsageStore _store;
    private readonly TimeProvider _time;

    internal SwitchboardUsage(IUsageStore store, TimeProvider time, string userId, string agentName, string? slot, string? catalogModel)
    {
        _store = store;
        _time = time;
        UserId = userId;
        AgentName = agentName;
        Slot = slot;
        CatalogModel = catalogModel;
    }

    /// <summary>Gets the user whose requests count.</summary>
    public string UserId { get; }

    /// <summary>Gets the agent name whose requests count; empty for requests without one.</summary>
    public string AgentName { get; }

    /// <summary>Gets the usage slot whose requests count, or null when the client is not bound to a slot.</summary>
    public string? Slot { get; }

    /// <summary>Gets the catalog model whose requests count, or null when the client follows a slot.</summary>
    public string? CatalogModel { get; }

    /// <summary>Builds the store query for this client's requests in a time range, for callers that use <see cref="IUsageStore"/> directly.</summary>
    public UsageQuery ToQuery(DateTimeOffset from, DateTimeOffset to) =>
        new(from, to, UserId) { AgentName = AgentName, Slot = Slot, CatalogModel = CatalogModel };

    /// <summary>Sums this client's usage over a period ending now: <c>24h</c>, <c>week</c>, <c>month</c>, <c>total</c>, or a span such as <c>90m</c> or <c>7d</c>.</summary>
    /// <exception cref="ArgumentException">The period is not one of those.</exception>
    public Task<UsageTotals> GetTotalsAsync(string period = "24h", CancellationToken cancellationToken = default)
    {
        var range = Parse(period);
        return GetTotalsAsync(range.From, range.To, cancellationToken);
    }

    /// <summary>Sums this client's usage from <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive).</summary>
    public async Task<UsageTotals> GetTotalsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        var groups = await _store.AggregateAsync(ToQuery(from, to), UsageGrouping.None, cancellationToken).ConfigureAwait(false);
        return groups.Count == 0 ? UsageTotals.Empty : groups[0].Totals;
    }

    /// <summary>Sums this client's usage over a period ending now, grouped by model, agent, provider, platform, key, slot or user.</summary>
    /// <exception cref="ArgumentException">The period is not a known one.</exception>
    public Task<IReadOnlyList<UsageGroup>> GetGroupsAsync(UsageGrouping groupBy, string period = "24h", CancellationToken cancellationToken = default)
    {
        var range = Parse(period);
        return GetGroupsAsync(groupBy, range.From, range.To, cancellationToken);
    }

    /// <summary>Sums this client's usage in a time range, grouped.</summary>
    public Task<IReadOnlyList<UsageGroup>> GetGroupsAsync(UsageGrouping groupBy, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) =>
        _store.AggregateAsync(ToQuery(from, to), groupBy, cancellationToken);

    /// <summary>Sums this client's usage per hour or day over a period ending now, oldest first; <paramref name="utcOffset"/> sets where a day starts.</summary>
    /// <exception cref="ArgumentException">The period is not a known one.</exception>
    public Task<IReadOnlyList<UsageTimeBucket>> GetTimelineAsync(UsageInterval interval, string period = "24h", TimeSpan utcOffset = default, CancellationToken cancellationToken = default)
    {
        var range = Parse(period);
        return GetTimelineAsync(interval, range.From, range.To, utcOffset, cancellationToken);
    }

    /// <summary>Sums this client's usage per hour or day in a time range, oldest first.</summary>
    public Task<IReadOnlyList<UsageTimeBucket>> GetTimelineAsync(UsageInterval interval, DateTimeOffset from, DateTimeOffset to, TimeSpan utcOffset = default, CancellationToken cancellationToken = default) =>
        _store.TimelineAsync(ToQuery(from, to), interval, utcOffset, cancellationToken);

    /// <summary>Computes latency and time-to-first-token percentiles of this client's requests over a period ending now, per model and source.</summary>
    /// <exception cref="ArgumentException">The period is not a known one.</exception>
    public Task<IReadOnlyList<SourcePerformance>> GetPerformanceAsync(string period = "24h", CancellationToken cancellationToken = default)
    {
        var range = Parse(period);
        return _store.PerformanceAsync(ToQuery(range.From, range.To), cancellationToken);
    }

    private UsagePeriod Parse(string period) =>
        UsagePeriod.TryParse(period, _time.GetUtcNow(), out var range)
            ? range
            : throw new ArgumentException($"'{period}' is not a usage period: use 24h, week, month, total, or a span such as 90m, 12h, 7d or 2w.", nameof(period));
}
