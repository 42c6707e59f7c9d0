using System.Buffers;

namespace Switchboard.Server.Http;

/// <summary>Holds a request body in a rented array until the request is finished.</summary>
internal sealed class PooledBody : IDisposable
{
    private byte[] _array;

    private PooledBody(byte[] array, int length)
    {
        _array = array;
        Length = length;
    }

    public int Length { get; }

    public ReadOnlyMemory<byte> Memory => _array.AsMemory(0, Length);

    public static PooledBody Copy(ReadOnlySequence<byte> bytes)
    {
        var length = (int)bytes.Length;
        var array = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
        bytes.CopyTo(array);
        return new PooledBody(array, length);
    }

    public void Dispose()
    {
        var array = Interlocked.Exchange(ref _array, []);
        if (array.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(array);
        }
    }
}
