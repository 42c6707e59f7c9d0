namespace Switchboard.Server.Hosting;

/// <summary>Runs socket completions on the socket engine's own thread instead of handing each one to the thread pool.</summary>
/// <remarks>
/// <para>
/// A relayed request is a chain of short socket steps: the client's request arrives, the upstream call is sent, its
/// answer arrives, the response is written. By default .NET queues every completion to the thread pool, so each step
/// wakes another thread; under load the gateway's core spent about a fifth of its samples in the kernel's task switch
/// and wake-up path (perf). Inline, the engine's thread carries on with the continuation itself. Native build, gateway
/// on one core, same sitting: 9.3–9.7k → 10.5–10.6k requests/s and 5.6–6.2k → 6.8–6.9k streams/s.
/// </para>
/// <para>
/// Kestrel's own <c>UnsafePreferInlineScheduling</c> stays off: added on top of this, it cut the stream rate to
/// 3.2–3.7k streams/s in the same sitting.
/// </para>
/// <para>
/// The cost is that work which blocks holds up the other sockets of that engine (one per core). The request path does
/// not wait on I/O: its one file write, a usage record's line in the write-ahead log, goes to the page cache without
/// <c>fsync</c>; SQLite, whose calls are synchronous, moves a caller off the engine's thread before it opens a
/// connection (<c>SqliteDialect.OpenConnectionAsync</c>); and the background writers have threads of their own.
/// Setting <c>DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS</c> to anything but <c>1</c> keeps the runtime's default.
/// </para>
/// </remarks>
internal static class SocketCompletions
{
    /// <summary>The runtime's switch, read once, when the first socket is used.</summary>
    public const string Variable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>Turns inline completions on unless the variable is already set; call before the first socket is used.</summary>
    public static void RunInlineUnlessConfigured()
    {
        if (Environment.GetEnvironmentVariable(Variable) is null)
        {
            Environment.SetEnvironmentVariable(Variable, "1");
        }
    }
}
