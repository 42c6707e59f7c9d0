namespace Switchboard.Core.Routing;

/// <summary>Decides the order in which a source's keys share its load: key-priority groups in turn, each rotated by smooth weighted round robin.</summary>
/// <remarks>
/// Targets arrive sorted by key priority. Each group gets a precomputed schedule (nginx's smooth weighted round robin
/// over the key weights), so a visit draws one atomic counter and allocates nothing. After the scheduled first key,
/// the rest of the group follows in order, then the next group. The schedule is configuration, built with the snapshot;
/// the counter is runtime state and lives in the source's <see cref="Health.SourceState"/>. Immutable and thread-safe.
/// </remarks>
internal sealed class KeyRotation
{
    private const int MaxScheduleLength = 240;

    private readonly int[] _groupStarts;
    private readonly int[][] _schedules;

    public KeyRotation(IReadOnlyList<SourceTarget> targets)
    {
        var starts = new List<int>();
        var schedules = new List<int[]>();
        for (var start = 0; start < targets.Count;)
        {
            var priority = PriorityOf(targets[start]);
            var end = start + 1;
            while (end < targets.Count && PriorityOf(targets[end]) == priority)
            {
                end++;
            }

            starts.Add(start);
            schedules.Add(BuildSchedule(targets, start, end));
            start = end;
        }

        starts.Add(targets.Count);
        _groupStarts = [.. starts];
        _schedules = [.. schedules];
    }

    /// <summary>Gets the number of keys.</summary>
    public int Count => _groupStarts[^1];

    /// <summary>Returns the target index to try at <paramref name="step"/> (0-based) of a visit that drew <paramref name="counter"/> (<see cref="Health.SourceState.NextKeyTurn"/>).</summary>
    public int IndexAt(int counter, int step)
    {
        for (var group = 0; group < _schedules.Length; group++)
        {
            var low = _groupStarts[group];
            var size = _groupStarts[group + 1] - low;
            if (step < size)
            {
                var schedule = _schedules[group];
                var first = schedule[(int)((uint)counter % (uint)schedule.Length)];
                return low + ((first - low + step) % size);
            }

            step -= size;
        }

        throw new ArgumentOutOfRangeException(nameof(step));
    }

    private static int PriorityOf(SourceTarget target) => target.Key?.Priority ?? 0;

    private static int[] BuildSchedule(IReadOnlyList<SourceTarget> targets, int start, int end)
    {
        var weights = new int[end - start];
        long total = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] = Math.Max(1, targets[start + i].Key?.Weight ?? 1);
            total += weights[i];
        }

        if (total > MaxScheduleLength)
        {
            // Scaling keeps the schedule short; shares shift by at most one slot in MaxScheduleLength.
            for (var i = 0; i < weights.Length; i++)
            {
                weights[i] = (int)Math.Max(1, weights[i] * MaxScheduleLength / total);
            }

            total = weights.Sum();
        }

        var schedule = new int[total];
        var current = new long[weights.Length];
        for (var slot = 0; slot < schedule.Length; slot++)
        {
            var best = 0;
            for (var i = 0; i < weights.Length; i++)
            {
                current[i] += weights[i];
                if (current[i] > current[best])
                {
                    best = i;
                }
            }

            current[best] -= total;
            schedule[slot] = start + best;
        }

        return schedule;
    }
}
