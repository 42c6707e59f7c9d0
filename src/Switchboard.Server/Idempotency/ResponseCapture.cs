using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.Features;

namespace Switchboard.Server.Idempotency;

/// <summary>Stands in for the response body while an idempotent request runs: the body is held in a copy, up to a bound, and goes to the client once the answer is stored.</summary>
/// <remarks>
/// Holding the body means a client that has the whole answer can rely on it being stored: an immediate repeat (on any replica)
/// replays it instead of meeting the claim still in flight. An answer past <c>limit</c> bytes cannot be kept: what was held goes
/// to the client at once and the rest passes straight through (<see cref="Overflowed"/>). Owns a pooled buffer, returned on
/// dispose; used by one request at a time.
/// </remarks>
internal sealed class ResponseCapture(IHttpResponseBodyFeature inner, int limit) : Stream, IHttpResponseBodyFeature
{
    private byte[]? _buffer;
    private int _length;
    private PipeWriter? _writer;
    private bool _sent;

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

        await SendHeldAsync(CancellationToken.None).ConfigureAwait(false);
        await inner.CompleteAsync().ConfigureAwait(false);
    }

    /// <summary>Sends the held body to the client; call once the answer is stored (or will not be).</summary>
    public async Task SendHeldAsync(CancellationToken cancellationToken)
    {
        if (_writer is not null)
        {
            await _writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        if (!_sent)
        {
            _sent = true;
            if (!Overflowed && _buffer is not null && _length > 0)
            {
                await inner.Stream.WriteAsync(_buffer.AsMemory(0, _length), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    /// <inheritdoc />
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (Hold(buffer) is { } earlier)
        {
            inner.Stream.Write(earlier.Span);
        }

        if (_sent || Overflowed)
        {
            inner.Stream.Write(buffer);
        }
    }

    /// <inheritdoc />
    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <inheritdoc />
    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (Hold(buffer.Span) is { } earlier)
        {
            await inner.Stream.WriteAsync(earlier, cancellationToken).ConfigureAwait(false);
        }

        if (_sent || Overflowed)
        {
            await inner.Stream.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public override void Flush()
    {
        if (_sent || Overflowed)
        {
            inner.Stream.Flush();
        }
    }

    /// <inheritdoc />
    public override Task FlushAsync(CancellationToken cancellationToken) =>
        _sent || Overflowed ? inner.Stream.FlushAsync(cancellationToken) : Task.CompletedTask;

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

    /// <summary>Holds the bytes; on the write that passes the bound, returns what was held so far, for the caller to send ahead of these bytes.</summary>
    private ReadOnlyMemory<byte>? Hold(ReadOnlySpan<byte> bytes)
    {
        Written += bytes.Length;
        if (Overflowed || _sent)
        {
            return null;
        }

        if (_length + (long)bytes.Length > limit)
        {
            Overflowed = true;
            var held = _buffer is null ? ReadOnlyMemory<byte>.Empty : _buffer.AsMemory(0, _length).ToArray();
            Release();
            return held;
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
        return null;
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
