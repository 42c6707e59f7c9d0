using Microsoft.Win32.SafeHandles;

namespace Switchboard.Core.Usage;

/// <summary>Holds one open segment file of the <see cref="UsageWriteAheadLog"/> and how many of its records are not yet stored.</summary>
/// <remarks>Mutated only under the log's lock.</remarks>
public sealed class UsageWalSegment
{
    internal UsageWalSegment(string path, SafeFileHandle handle)
    {
        Path = path;
        Handle = handle;
    }

    /// <summary>Gets the segment's file path.</summary>
    public string Path { get; }

    internal SafeFileHandle Handle { get; }

    internal long Length { get; set; }

    internal int Pending { get; set; }

    internal bool Sealed { get; set; }
}
