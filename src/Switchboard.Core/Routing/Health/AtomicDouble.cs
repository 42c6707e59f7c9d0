namespace Switchboard.Core.Routing.Health;

/// <summary>Updates shared doubles without locks.</summary>
internal static class AtomicDouble
{
    /// <summary>Moves <paramref name="location"/> toward <paramref name="sample"/> by the fraction <paramref name="alpha"/> (one moving-average step).</summary>
    public static void Blend(ref double location, double sample, double alpha)
    {
        var current = Volatile.Read(ref location);
        while (true)
        {
            var next = current + (alpha * (sample - current));
            var seen = Interlocked.CompareExchange(ref location, next, current);
            if (seen.Equals(current))
            {
                return;
            }

            current = seen;
        }
    }
}
