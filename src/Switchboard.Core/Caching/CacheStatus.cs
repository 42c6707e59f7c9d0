namespace Switchboard.Core.Caching;

/// <summary>Names what the response cache did for a request, as sent in the <c>x-switchboard-cache</c> response header.</summary>
public static class CacheStatus
{
    /// <summary>The answer came from the cache.</summary>
    public const string Hit = "hit";

    /// <summary>The cache had no answer; the upstream's is stored if it completes whole.</summary>
    public const string Miss = "miss";

    /// <summary>The request skipped the lookup; the upstream's answer is stored if it completes whole.</summary>
    public const string Refresh = "refresh";
}
