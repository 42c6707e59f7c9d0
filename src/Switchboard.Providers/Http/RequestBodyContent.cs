using System.Net;
using System.Net.Http.Headers;

namespace Switchboard.Providers.Http;

/// <summary>Sends a JSON request body from a pooled buffer and records when all of it was handed to the connection.</summary>
/// <remarks>
/// <see cref="Sent"/> is what <see cref="RequestDelivery"/> reads to tell a connection lost before the upstream had the
/// whole request (safe to try elsewhere) from one lost after it (the upstream may have processed it). The body is
/// flushed before it counts as sent, so bytes still in the handler's write buffer never do. The handler may serialize
/// the content again when it retries a dead pooled connection on its own. The buffer belongs to the caller and must
/// outlive the request.
/// </remarks>
internal sealed class RequestBodyContent : HttpContent
{
    private static readonly MediaTypeHeaderValue JsonContentType = MediaTypeHeaderValue.Parse("application/json");
    private readonly byte[] _buffer;
    private readonly int _count;
    private volatile bool _sent;

    private RequestBodyContent(byte[] buffer, int count)
    {
        _buffer = buffer;
        _count = count;
        Headers.ContentType = JsonContentType;
    }

    /// <summary>Gets a value indicating whether the whole body was written and flushed to the connection.</summary>
    public bool Sent => _sent;

    /// <summary>Creates the content for the JSON written into <paramref name="body"/>.</summary>
    public static RequestBodyContent Json(PooledBufferWriter body) => new(body.Array, body.WrittenCount);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(_buffer.AsMemory(0, _count), cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        _sent = true;
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _count;
        return true;
    }
}
