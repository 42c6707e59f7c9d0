namespace Switchboard.Core.Routing.Strategies;

/// <summary>Sorts candidates by their ranking key, rotating ties so sources that rank alike share the load.</summary>
internal static class CandidateSorter
{
    /// <summary>Sorts by <see cref="SourceCandidate.SortKey"/> ascending; each run of equal keys is rotated by <paramref name="rotation"/>.</summary>
    public static void Sort(Span<SourceCandidate> group, uint rotation)
    {
        if (group.Length < 2)
        {
            return;
        }

        for (var i = 0; i < group.Length; i++)
        {
            group[i].Tie = i;
        }

        group.Sort(static (a, b) => a.SortKey != b.SortKey ? a.SortKey.CompareTo(b.SortKey) : a.Tie.CompareTo(b.Tie));
        for (var start = 0; start < group.Length;)
        {
            var end = start + 1;
            while (end < group.Length && group[end].SortKey == group[start].SortKey)
            {
                end++;
            }

            RotateLeft(group[start..end], (int)(rotation % (uint)(end - start)));
            start = end;
        }
    }

    private static void RotateLeft(Span<SourceCandidate> run, int by)
    {
        if (by == 0)
        {
            return;
        }

        run[..by].Reverse();
        run[by..].Reverse();
        run.Reverse();
    }
}
