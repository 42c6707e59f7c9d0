using System.Runtime.InteropServices;

namespace Switchboard.Server.Hosting;

/// <summary>Makes glibc's malloc give freed native memory back to the system instead of keeping it resident.</summary>
/// <remarks>
/// <para>
/// The runtime's JIT, SQLite and the sockets layer allocate natively, from per-thread malloc arenas. By default glibc
/// raises its mmap threshold each time a large block is freed, so later large blocks (the JIT's 64 KiB pages during a
/// burst of tier-1 compiles) come from an arena and stay resident after they are freed. Measured under the bench load,
/// one arena held about 10 MB of such memory; a fixed 64 KiB mmap threshold and a 128 KiB trim threshold kept it at
/// about 2.5 MB. This is the in-process equivalent of <c>MALLOC_MMAP_THRESHOLD_=65536 MALLOC_TRIM_THRESHOLD_=131072</c>;
/// when either variable is set, glibc already read it and nothing is changed.
/// </para>
/// <para>A no-op where glibc is not the allocator (musl, macOS, Windows).</para>
/// </remarks>
internal static class NativeHeap
{
    private const int TrimThresholdOption = -1; // M_TRIM_THRESHOLD in malloc.h
    private const int MmapThresholdOption = -3; // M_MMAP_THRESHOLD in malloc.h

    /// <summary>Applies the thresholds; returns whether glibc accepted them.</summary>
    public static bool ReturnFreedMemory()
    {
        if (!OperatingSystem.IsLinux()
            || Environment.GetEnvironmentVariable("MALLOC_MMAP_THRESHOLD_") is not null
            || Environment.GetEnvironmentVariable("MALLOC_TRIM_THRESHOLD_") is not null)
        {
            return false;
        }

        try
        {
            var mmapSet = SetMallocOption(MmapThresholdOption, 64 * 1024) == 1;
            var trimSet = SetMallocOption(TrimThresholdOption, 128 * 1024) == 1;
            return mmapSet && trimSet;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return false; // not glibc
        }
    }

    // DllImport, not LibraryImport: two ints need no marshalling, and LibraryImport would need unsafe code enabled.
#pragma warning disable SYSLIB1054
    [DllImport("libc", EntryPoint = "mallopt", ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SetMallocOption(int option, int value);
#pragma warning restore SYSLIB1054
}
