using System.Buffers;

namespace Switchboard.Providers.Http;

/// <summary>Reads a whole HTTP body into one exact-size array without ever holding more than a cap.</summary>
/// <remarks>
/// A body with a <c>Content-Length</c> within the cap is read straight into its result array. Otherwise the bytes
/// gather in pooled segments of at most 64 KiB, which stay below the large-object heap and which the shared pool
/// keeps only a few of, and are copied out once the body has ended. Reading stops as soon as the cap is passed, so
/// a body over the cap never takes more than the cap (plus one segment). One large pooled array growing by doubling
/// would peak at twice the cap per request, and the shared pool would keep such arrays after the load has gone.
/// The cap counts decoded bytes: a compressed body is bounded after decompression.
/// </remarks>
internal static class CappedBodyReader
{
    private const int FirstSegmentBytes = 16 * 1024;
    private const int SegmentBytes = 64 * 1024;

    /// <summary>Reads the whole body, or returns null as soon as it passes <paramref name="maxBytes"/>.</summary>
    public static async ValueTask<byte[]?> ReadAsync(HttpContent content, int maxBytes, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength is { } length && length > maxBytes)
        {
            return null;
        }

        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            return content.Headers.ContentLength is { } known
                ? await ReadKnownAsync(stream, (int)known, cancellationToken).ConfigureAwait(false)
                : await ReadSegmentsAsync(stream, maxBytes, truncate: false, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reads at most the first <paramref name="maxBytes"/> of the body and leaves the rest unread.</summary>
    public static async ValueTask<byte[]> ReadPrefixAsync(HttpContent content, int maxBytes, CancellationToken cancellationToken)
    {
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            return (await ReadSegmentsAsync(stream, maxBytes, truncate: true, cancellationToken).ConfigureAwait(false))!;
        }
    }

    private static async ValueTask<byte[]> ReadKnownAsync(Stream stream, int length, CancellationToken cancellationToken)
    {
        // The handler ends the stream at Content-Length and throws if the connection ends before it.
        var body = length == 0 ? [] : new byte[length];
        await stream.ReadExactlyAsync(body, cancellationToken).ConfigureAwait(false);
        return body;
    }

    private static async ValueTask<byte[]?> ReadSegmentsAsync(Stream stream, int maxBytes, bool truncate, CancellationToken cancellationToken)
    {
        // One byte past the cap tells "exactly at the cap" from "over it".
        var limit = truncate ? maxBytes : maxBytes + 1;
        var current = ArrayPool<byte>.Shared.Rent(Math.Min(FirstSegmentBytes, Math.Max(limit, 1)));
        List<byte[]>? full = null;
        var inCurrent = 0;
        var total = 0;
        try
        {
            while (total < limit)
            {
                if (inCurrent == current.Length)
                {
                    (full ??= []).Add(current);
                    current = ArrayPool<byte>.Shared.Rent(SegmentBytes);
                    inCurrent = 0;
                }

                var read = await stream.ReadAsync(current.AsMemory(inCurrent, Math.Min(current.Length - inCurrent, limit - total)), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                inCurrent += read;
                total += read;
            }

            if (total > maxBytes)
            {
                return null;
            }

            var body = total == 0 ? [] : new byte[total];
            var offset = 0;
            foreach (var segment in full ?? [])
            {
                segment.CopyTo(body, offset);
                offset += segment.Length;
            }

            current.AsSpan(0, inCurrent).CopyTo(body.AsSpan(offset));
            return body;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(current);
            foreach (var segment in full ?? [])
            {
                ArrayPool<byte>.Shared.Return(segment);
            }
        }
    }
}
