using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.Features;

namespace Switchboard.Server.Idempotency;

/// <summary>Stands in for the response body while an idempotent request runs: every byte goes to the client and, up to a bound, into a copy.</summary>
/// <remarks>
/// The copy is taken before the bytes go on to the client, so an answer the endpoint finished is kept even when the client has
/// gone. Past <c>limit</c> bytes the copy is dropped (<see cref="Overflowed"/>) and only counted. Owns a pooled buffer, returned on
/// dispose; used by one request at a time.
/// </remarks>
internal sealed class ResponseCapture(IHttpResponseBodyFeature inner, int limit) : Stream, IHttpResponseBodyFeature
{
    private byte[]? _buffer;
    private int _length;
    private PipeWriter? _writer;

    /// <summary>Gets the number of body bytes the endpoint wrote.</summary>
    public long Written { get; private set; }

    /// <summary>Gets a value indicating whether the body was larger than the copy keeps.</summary>
    public bool Overflowed { get; private set; }

    /// <inheritdoc />
    Stream IHttpResponseBodyFeature.Stream => this;

    /// <inheritdoc />
    public PipeWriter Writer => _writer ??= PipeWriter.Create(this, new StreamPipeWriterOptions(leaveOpen: true));

    /// <inheritdoc />
    public override bool CanRead => false;

    /// <inheritdoc />
    public override bool CanSeek => false;

    /// <inheritdoc />
    public override bool CanWrite => true;

    /// <inheritdoc />
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc />
    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Returns a copy of the captured body, or null when it overflowed.</summary>
    public byte[]? ToArray() => Overflowed ? null : _buffer is null ? [] : _buffer.AsSpan(0, _length).ToArray();

    /// <inheritdoc />
    public void DisableBuffering() => inner.DisableBuffering();

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken = default) => inner.StartAsync(cancellationToken);

    /// <inheritdoc />
    public Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default)
    {
        // A file is never part of an API answer; if one were sent, its bytes are not copied, so it must not be replayed.
        Overflowed = true;
        Release();
        return inner.SendFileAsync(path, offset, count, cancellationToken);
    }

    /// <inheritdoc />
    public async Task CompleteAsync()
    {
        if (_writer is not null)
        {
            await _writer.FlushAsync().ConfigureAwait(false);
        }

        await inner.CompleteAsync().ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    /// <inheritdoc />
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Copy(buffer);
        inner.Stream.Write(buffer);
    }

    /// <inheritdoc />
    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <inheritdoc />
    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Copy(buffer.Span);
        return inner.Stream.WriteAsync(buffer, cancellationToken);
    }

    /// <inheritdoc />
    public override void Flush() => inner.Stream.Flush();

    /// <inheritdoc />
    public override Task FlushAsync(CancellationToken cancellationToken) => inner.Stream.FlushAsync(cancellationToken);

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Release();
        }

        base.Dispose(disposing);
    }

    private void Copy(ReadOnlySpan<byte> bytes)
    {
        Written += bytes.Length;
        if (Overflowed)
        {
            return;
        }

        if (_length + (long)bytes.Length > limit)
        {
            Overflowed = true;
            Release();
            return;
        }

        if (_buffer is null || _buffer.Length - _length < bytes.Length)
        {
            var grown = ArrayPool<byte>.Shared.Rent((int)Math.Min(limit, Math.Max(_length + bytes.Length, (_buffer?.Length ?? 0) * 2L)));
            _buffer?.AsSpan(0, _length).CopyTo(grown);
            if (_buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(_buffer);
            }

            _buffer = grown;
        }

        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    private void Release()
    {
        if (_buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = null;
        }

        _length = 0;
    }
}
