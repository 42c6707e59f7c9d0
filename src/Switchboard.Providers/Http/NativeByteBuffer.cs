using System.Runtime.InteropServices;

namespace Switchboard.Providers.Http;

/// <summary>Gathers bytes outside the managed heap, growing by reallocation, and frees them the moment it is disposed.</summary>
/// <remarks>
/// Managed arrays of a large body outlive the request as garbage, and the runtime keeps the memory they occupied
/// resident after collecting them; malloc serves blocks this large by mmap (the server fixes glibc's threshold at
/// 64 KiB, see <c>NativeHeap</c>), so freeing one gives its pages back to the system at once. Not thread-safe; the
/// owner must dispose it.
/// </remarks>
internal sealed class NativeByteBuffer : IDisposable
{
    private const int FirstCapacity = 256 * 1024;
    private IntPtr _pointer;
    private int _capacity;

    /// <summary>Gets the number of bytes appended.</summary>
    public int Length { get; private set; }

    /// <summary>Appends the first <paramref name="count"/> bytes of <paramref name="source"/>.</summary>
    public void Append(byte[] source, int count)
    {
        var needed = (long)Length + count;
        if (needed > _capacity)
        {
            var capacity = (int)Math.Min(Math.Max(Math.Max(needed, _capacity * 2L), FirstCapacity), int.MaxValue);
            _pointer = _pointer == IntPtr.Zero ? Marshal.AllocHGlobal(capacity) : Marshal.ReAllocHGlobal(_pointer, capacity);
            _capacity = capacity;
        }

        Marshal.Copy(source, 0, _pointer + Length, count);
        Length += count;
    }

    /// <summary>Copies every appended byte to the start of <paramref name="destination"/>.</summary>
    public void CopyTo(byte[] destination)
    {
        if (Length > 0)
        {
            Marshal.Copy(_pointer, destination, 0, Length);
        }
    }

    public void Dispose()
    {
        if (_pointer != IntPtr.Zero)
        {
            Marshal.FreeHGlobal(_pointer);
            _pointer = IntPtr.Zero;
            _capacity = 0;
            Length = 0;
        }
    }
}
