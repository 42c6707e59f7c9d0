namespace Switchboard.Catalog;

/// <summary>Names a catalog model's derived health and derives it from its sources' live health.</summary>
public static class CatalogHealth
{
    /// <summary>Some source answers well and none is failing.</summary>
    public const string Healthy = "healthy";

    /// <summary>Some source can serve, but at least one is failing, stalled, ejected or cooling.</summary>
    public const string Degraded = "degraded";

    /// <summary>No source can serve: none is routable, or every one is ejected or cooling.</summary>
    public const string Down = "down";

    /// <summary>Sources are routable but none has answered yet.</summary>
    public const string Unknown = "unknown";

    /// <summary>Gets every level, in the order filters list them.</summary>
    public static IReadOnlyList<string> All { get; } = [Healthy, Degraded, Down, Unknown];

    /// <summary>The level of a source that is not routable (platform or model disabled, missing, or not loadable).</summary>
    internal const string SourceOff = "off";

    /// <summary>Derives a model's health from its sources' levels (see <c>SourceHealthReport.Level</c>, or <see cref="SourceOff"/>).</summary>
    internal static string Derive(IReadOnlyList<string> sourceLevels)
    {
        var live = sourceLevels.Where(l => l != SourceOff).ToArray();
        if (live.Length == 0 || live.All(IsOut))
        {
            return Down;
        }

        if (live.Any(l => IsOut(l) || l == Degraded))
        {
            return Degraded;
        }

        return live.Contains(Healthy) ? Healthy : Unknown;

        static bool IsOut(string level) => level is "ejected" or "cooling";
    }
}
