using Switchboard.Server.Hosting;

namespace Switchboard.Server.Tests.Hosting;

public sealed class NativeHeapTests
{
    [Fact]
    public void ReturnFreedMemory_OnGlibcLinux_IsAcceptedByMalloc()
    {
        // The test hosts run on Debian (glibc) unless told otherwise by the environment.
        var expected = OperatingSystem.IsLinux()
            && Environment.GetEnvironmentVariable("MALLOC_MMAP_THRESHOLD_") is null
            && Environment.GetEnvironmentVariable("MALLOC_TRIM_THRESHOLD_") is null
            && File.Exists("/etc/debian_version");

        Assert.Equal(expected, NativeHeap.ReturnFreedMemory());
    }
}
