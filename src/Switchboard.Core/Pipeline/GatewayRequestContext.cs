using System.Diagnostics;

namespace Switchboard.Core.Pipeline;

/// <summary>Carries one client request's identity and timing through the pipeline.</summary>
public sealed class GatewayRequestContext
{
    private int _recorded;

    /// <summary>Creates a context that starts its clock now.</summary>
    public GatewayRequestContext(string requestId, CallerIdentity caller, DateTimeOffset startedAt)
    {
        RequestId = requestId;
        Caller = caller;
        StartedAt = startedAt;
        StartTimestamp = Stopwatch.GetTimestamp();
    }

    /// <summary>Gets the request id (also sent as <c>X-Request-Id</c>).</summary>
    public string RequestId { get; }

    /// <summary>Gets the caller.</summary>
    public CallerIdentity Caller { get; }

    /// <summary>Gets when the request arrived.</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>Gets the <see cref="Stopwatch"/> timestamp at arrival.</summary>
    public long StartTimestamp { get; }

    /// <summary>Gets or sets the agent name from <c>X-Agent-Name</c>.</summary>
    public string? AgentName { get; init; }

    /// <summary>Gets the client protocol the request arrived in, one of <see cref="Abstractions.Chat.ClientProtocols"/>; recorded on its usage record.</summary>
    public string Protocol { get; init; } = Abstractions.Chat.ClientProtocols.OpenAIChat;

    /// <summary>Gets the caller's session key (<c>X-Session-Id</c>) for sticky routing, so provider prompt caches stay warm.</summary>
    public string? SessionKey { get; init; }

    /// <summary>Gets the provider the client named to restrict the sources tried (a platform's kind, preset or name; see <see cref="Routing.SourceFilter"/>), or null for every source.</summary>
    public string? SourceFilter { get; init; }

    /// <summary>Gets what the request's headers asked of the response cache (see <see cref="Caching.CachePolicy"/>).</summary>
    public Caching.CacheRequest Cache { get; init; }

    /// <summary>Gets a value indicating whether the request's usage record has been written (by whichever path ended it).</summary>
    public bool IsRecorded => Volatile.Read(ref _recorded) != 0;

    /// <summary>Gets the elapsed time since arrival in milliseconds.</summary>
    public double ElapsedMs => Stopwatch.GetElapsedTime(StartTimestamp).TotalMilliseconds;

    /// <summary>Marks the usage record as written; returns false when it already was, so a request is recorded once.</summary>
    internal bool TryMarkRecorded() => Interlocked.Exchange(ref _recorded, 1) == 0;

    /// <summary>Creates a new request id.</summary>
    public static string NewRequestId() => "req_" + Guid.CreateVersion7().ToString("N");
}
