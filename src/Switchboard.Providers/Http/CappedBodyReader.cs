using System.Buffers;

namespace Switchboard.Providers.Http;

/// <summary>Reads a whole HTTP body into one exact-size array without ever holding more than a cap.</summary>
/// <remarks>
/// A <c>Content-Length</c> over the cap is refused before a byte is read. Otherwise the body is read through one
/// pooled 64 KiB buffer; a body that outgrows it gathers in a <see cref="NativeByteBuffer"/>, outside the managed
/// heap, so an answer cut at the cap leaves no garbage behind and its memory goes back to the system at once. The
/// exact-size result array is allocated only once the body has ended within the cap, and reading stops as soon as
/// the cap is passed (one byte past it tells "at the cap" from "over it"). The cap counts decoded bytes: a compressed
/// body is bounded after decompression.
/// </remarks>
internal static class CappedBodyReader
{
    private const int ScratchBytes = 64 * 1024;

    /// <summary>Reads the whole body, or returns null as soon as it passes <paramref name="maxBytes"/>.</summary>
    public static async ValueTask<byte[]?> ReadAsync(HttpContent content, int maxBytes, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > maxBytes)
        {
            return null;
        }

        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            return await ReadCoreAsync(stream, maxBytes, truncate: false, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reads at most the first <paramref name="maxBytes"/> of the body and leaves the rest unread.</summary>
    public static async ValueTask<byte[]> ReadPrefixAsync(HttpContent content, int maxBytes, CancellationToken cancellationToken)
    {
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            return (await ReadCoreAsync(stream, maxBytes, truncate: true, cancellationToken).ConfigureAwait(false))!;
        }
    }

    private static async ValueTask<byte[]?> ReadCoreAsync(Stream stream, int maxBytes, bool truncate, CancellationToken cancellationToken)
    {
        var limit = truncate ? maxBytes : maxBytes + 1;
        var scratch = ArrayPool<byte>.Shared.Rent(Math.Min(ScratchBytes, Math.Max(limit, 1)));
        NativeByteBuffer? spill = null;
        var inScratch = 0;
        var total = 0;
        try
        {
            while (total < limit)
            {
                if (inScratch == scratch.Length)
                {
                    (spill ??= new NativeByteBuffer()).Append(scratch, inScratch);
                    inScratch = 0;
                }

                var read = await stream.ReadAsync(scratch.AsMemory(inScratch, Math.Min(scratch.Length - inScratch, limit - total)), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                inScratch += read;
                total += read;
            }

            if (total > maxBytes)
            {
                return null;
            }

            var body = total == 0 ? [] : new byte[total];
            spill?.CopyTo(body);
            scratch.AsSpan(0, inScratch).CopyTo(body.AsSpan(spill?.Length ?? 0));
            return body;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
            spill?.Dispose();
        }
    }
}
