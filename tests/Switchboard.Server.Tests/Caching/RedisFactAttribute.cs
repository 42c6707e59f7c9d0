namespace Switchboard.Server.Tests.Caching;

/// <summary>Marks a fact that starts Debian's <c>redis-server</c>; where it is not installed the fact is reported as skipped, never as a silent pass.</summary>
public sealed class RedisFactAttribute : FactAttribute
{
    public RedisFactAttribute()
    {
        if (!RedisServer.IsInstalled)
        {
            Skip = "Needs redis-server (scripts/test.sh installs it).";
        }
    }
}
