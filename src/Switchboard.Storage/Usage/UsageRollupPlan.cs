namespace Switchboard.Storage.Usage;

/// <summary>Splits a report's range into the parts read from daily rollups, hourly rollups and raw records, so each record counts once and lands in the right bucket.</summary>
/// <remarks>
/// <para>
/// Whole UTC days come from <c>usage_daily</c>, other whole hours from <c>usage_hourly</c>, and only the partial hours at
/// the range's edges from raw records. With a timeline, a rollup period that a bucket boundary cuts (a day bucket at a
/// +05:30 offset cuts one hour a day; an hour timeline cuts every day) is not read from that rollup: its records come
/// from the finer level instead, raw records for a cut hour.
/// </para>
/// <para>
/// Hours older than the oldest raw record (<c>oldestRawHour</c>) have no raw records left (retention purged them, whole
/// hours at a time). They keep the rule reports always had for them: an hour counts, in the bucket of its start, when
/// it starts inside the range, so a range that ends inside such an hour counts all of it and one that starts inside it
/// none of it.
/// </para>
/// </remarks>
internal sealed class UsageRollupPlan
{
    /// <summary>Beyond this many rollup periods to inspect, or intervals of one kind, the finer level is used instead: slower, still exact.</summary>
    private const int MaxPieces = 100_000;

    private const int MaxIntervals = 1_000;

    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    private UsageRollupPlan()
    {
    }

    /// <summary>Gets the half-open ranges read from raw records, by timestamp.</summary>
    public List<(DateTimeOffset From, DateTimeOffset To)> Raw { get; } = [];

    /// <summary>Gets the half-open ranges read from the hourly rollup, by hour start.</summary>
    public List<(DateTimeOffset From, DateTimeOffset To)> Hourly { get; } = [];

    /// <summary>Gets the half-open ranges read from the daily rollup, by day start.</summary>
    public List<(DateTimeOffset From, DateTimeOffset To)> Daily { get; } = [];

    /// <summary>Plans the range [<paramref name="from"/>, <paramref name="to"/>); <paramref name="bucket"/> is the timeline's bucket width and UTC offset, null without a timeline.</summary>
    public static UsageRollupPlan Create(DateTimeOffset from, DateTimeOffset to, DateTimeOffset? oldestRawHour, (TimeSpan Width, TimeSpan Offset)? bucket)
    {
        var plan = new UsageRollupPlan();
        if (to <= from)
        {
            return plan;
        }

        // Where rollups stop: the last whole hour while raw records exist, the range's end inside the purged past.
        var rollupEnd = oldestRawHour is not { } live || to <= live ? to : UsageRollup.FloorHour(to);
        var firstHour = UsageRollup.Ceiling(from, Hour);
        var endHour = UsageRollup.Ceiling(rollupEnd, Hour);
        if (firstHour >= endHour)
        {
            Add(plan.Raw, from, to);
            return plan;
        }

        Add(plan.Raw, from, firstHour);
        var liveStart = oldestRawHour is { } oldest ? Max(Min(oldest, endHour), firstHour) : endHour;
        var hours = new List<(DateTimeOffset From, DateTimeOffset To)>();
        Add(hours, firstHour, liveStart);
        foreach (var (start, end, clean) in Split(liveStart, endHour, Hour, bucket, Hour))
        {
            Add(clean ? hours : plan.Raw, start, end);
        }

        Add(plan.Raw, rollupEnd, to);

        foreach (var (start, end) in hours)
        {
            var firstDay = UsageRollup.Ceiling(start, Day);
            var endDay = UsageRollup.Floor(end, Day);
            if (firstDay >= endDay)
            {
                Add(plan.Hourly, start, end);
                continue;
            }

            Add(plan.Hourly, start, firstDay);
            foreach (var (dayStart, dayEnd, clean) in Split(firstDay, endDay, Day, bucket, Hour))
            {
                Add(clean ? plan.Daily : plan.Hourly, dayStart, dayEnd);
            }

            Add(plan.Hourly, endDay, end);
        }

        if (plan.Hourly.Count > MaxIntervals || plan.Daily.Count > MaxIntervals || plan.Raw.Count > MaxIntervals)
        {
            // Pathological bucket widths: read the live part raw and only the purged past from hourly rows.
            var fallback = new UsageRollupPlan();
            Add(fallback.Raw, from, to);
            Add(fallback.Hourly, firstHour, liveStart);
            return fallback;
        }

        return plan;
    }

    /// <summary>Cuts [start, end) (aligned to <paramref name="period"/>) into runs of periods a bucket boundary does or does not cut.</summary>
    /// <remarks>A period is cut when its first and last <paramref name="probe"/>-long slot fall in different buckets.</remarks>
    private static IEnumerable<(DateTimeOffset Start, DateTimeOffset End, bool Clean)> Split(
        DateTimeOffset start, DateTimeOffset end, TimeSpan period, (TimeSpan Width, TimeSpan Offset)? bucket, TimeSpan probe)
    {
        if (start >= end)
        {
            yield break;
        }

        if (bucket is not { } b || Aligned(b, period))
        {
            yield return (start, end, true);
            yield break;
        }

        if ((end - start).Ticks / period.Ticks > MaxPieces)
        {
            yield return (start, end, false);
            yield break;
        }

        var runStart = start;
        var runClean = true;
        for (var p = start; p < end; p += period)
        {
            var last = p + period - (period == probe ? TimeSpan.FromTicks(1) : probe);
            var clean = UsageBuckets.Floor(p, b.Width, b.Offset) == UsageBuckets.Floor(last, b.Width, b.Offset);
            if (p == start)
            {
                runClean = clean;
            }
            else if (clean != runClean)
            {
                yield return (runStart, p, runClean);
                (runStart, runClean) = (p, clean);
            }
        }

        yield return (runStart, end, runClean);
    }

    /// <summary>Returns true when every bucket boundary falls on a period boundary, so no period is cut.</summary>
    private static bool Aligned((TimeSpan Width, TimeSpan Offset) bucket, TimeSpan period) =>
        bucket.Width.Ticks % period.Ticks == 0 && UsageBuckets.Floor(DateTimeOffset.UnixEpoch, bucket.Width, bucket.Offset).UtcTicks % period.Ticks == 0;

    /// <summary>Appends [start, end) when it is not empty, merging it into the previous range when they touch.</summary>
    private static void Add(List<(DateTimeOffset From, DateTimeOffset To)> ranges, DateTimeOffset start, DateTimeOffset end)
    {
        if (start >= end)
        {
            return;
        }

        if (ranges.Count > 0 && ranges[^1].To == start)
        {
            ranges[^1] = (ranges[^1].From, end);
            return;
        }

        ranges.Add((start, end));
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
