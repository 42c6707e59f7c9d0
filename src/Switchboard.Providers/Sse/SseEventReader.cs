using System.Buffers;
using System.IO.Pipelines;

namespace Switchboard.Providers.Sse;

/// <summary>Reads Server-Sent Events incrementally from UTF-8 bytes without building strings.</summary>
/// <remarks>
/// Follows the SSE rules gateways meet in practice: <c>\n</c>, <c>\r\n</c> or <c>\r</c> line ends, comment
/// lines starting with <c>:</c>, an optional space after the field colon, several <c>data:</c> lines joined
/// with <c>\n</c>, and a final event without a trailing blank line when the connection closes.
/// <see cref="Data"/> and <see cref="EventName"/> are valid until the next read. A line longer than the cap fails
/// as soon as the unread part passes it, even before its line end arrives, so a line that never ends cannot grow
/// the pipe without bound; the data of one event is capped the same way. Not thread-safe; owns a pooled buffer
/// returned on <see cref="Dispose"/>.
/// </remarks>
internal sealed class SseEventReader : IDisposable
{
    private readonly int _maxEventBytes;
    private readonly PipeReader _reader;
    private byte[] _data;
    private int _dataLength;
    private bool _hasData;
    private readonly byte[] _eventName = new byte[64];
    private int _eventNameLength;
    private bool _completed;

    /// <summary>Creates a reader over <paramref name="reader"/> that fails any line or event over <paramref name="maxEventBytes"/>.</summary>
    public SseEventReader(PipeReader reader, int maxEventBytes, int initialBufferSize = 4096)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEventBytes, 1);
        _reader = reader;
        _maxEventBytes = maxEventBytes;
        _data = ArrayPool<byte>.Shared.Rent(Math.Min(initialBufferSize, maxEventBytes));
    }

    /// <summary>Gets the data of the current event (multi-line data joined with <c>\n</c>).</summary>
    public ReadOnlySpan<byte> Data => _data.AsSpan(0, _dataLength);

    /// <summary>Gets the data of the current event as memory.</summary>
    public ReadOnlyMemory<byte> DataMemory => _data.AsMemory(0, _dataLength);

    /// <summary>Gets the <c>event:</c> name of the current event, or an empty span.</summary>
    public ReadOnlySpan<byte> EventName => _eventName.AsSpan(0, _eventNameLength);

    /// <summary>Gets the number of comment lines (keep-alives) seen so far.</summary>
    public int CommentCount { get; private set; }

    /// <summary>Reads the next event; returns false when the stream ended.</summary>
    /// <exception cref="InvalidDataException">A line or an event exceeded the size cap (the only reason it is thrown).</exception>
    public async ValueTask<bool> ReadAsync(CancellationToken cancellationToken)
    {
        _dataLength = 0;
        _hasData = false;
        _eventNameLength = 0;
        while (!_completed)
        {
            var result = await _reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            var end = buffer.End;
            var dispatched = TryParse(ref buffer, result.IsCompleted);
            if (dispatched)
            {
                // Mark only what was consumed as examined, so events already buffered are read without waiting for the socket.
                _reader.AdvanceTo(buffer.Start);
                return true;
            }

            _reader.AdvanceTo(buffer.Start, end);
            if (buffer.Length > _maxEventBytes)
            {
                // What is left unconsumed is one unfinished line.
                throw new InvalidDataException($"An SSE line exceeded {_maxEventBytes} bytes.");
            }

            if (result.IsCompleted)
            {
                _completed = true;
                return _hasData;
            }
        }

        return false;
    }

    private bool TryParse(ref ReadOnlySequence<byte> buffer, bool isFinal)
    {
        while (true)
        {
            if (!TryReadLine(ref buffer, isFinal, out var line))
            {
                return false;
            }

            if (line.IsEmpty)
            {
                if (_hasData)
                {
                    return true;
                }

                _eventNameLength = 0;
                continue;
            }

            ProcessLine(line);
        }
    }

    private static bool TryReadLine(ref ReadOnlySequence<byte> buffer, bool isFinal, out ReadOnlySequence<byte> line)
    {
        var reader = new SequenceReader<byte>(buffer);
        if (reader.TryAdvanceToAny("\r\n"u8, advancePastDelimiter: false))
        {
            var end = reader.Position;
            reader.TryRead(out var delimiter);
            if (delimiter == (byte)'\r')
            {
                if (reader.End && !isFinal)
                {
                    // A \r at the end of what we have may be half of a \r\n; wait for more.
                    line = default;
                    return false;
                }

                reader.IsNext((byte)'\n', advancePast: true);
            }

            line = buffer.Slice(0, end);
            buffer = buffer.Slice(reader.Position);
            return true;
        }

        if (isFinal && !buffer.IsEmpty)
        {
            line = buffer;
            buffer = buffer.Slice(buffer.End);
            return true;
        }

        line = default;
        return false;
    }

    private void ProcessLine(ReadOnlySequence<byte> line)
    {
        var first = line.FirstSpan[0];
        if (first == (byte)':')
        {
            CommentCount++;
            return;
        }

        Span<byte> fieldBuffer = stackalloc byte[8];
        var colon = line.PositionOf((byte)':');
        ReadOnlySequence<byte> field;
        ReadOnlySequence<byte> value;
        if (colon is { } c)
        {
            field = line.Slice(0, c);
            value = line.Slice(line.GetPosition(1, c));
            if (!value.IsEmpty && value.FirstSpan[0] == (byte)' ')
            {
                value = value.Slice(1);
            }
        }
        else
        {
            field = line;
            value = default;
        }

        if (field.Length > fieldBuffer.Length)
        {
            return;
        }

        field.CopyTo(fieldBuffer);
        var name = fieldBuffer[..(int)field.Length];
        if (name.SequenceEqual("data"u8))
        {
            AppendData(value);
        }
        else if (name.SequenceEqual("event"u8))
        {
            var length = (int)Math.Min(value.Length, _eventName.Length);
            value.Slice(0, length).CopyTo(_eventName);
            _eventNameLength = length;
        }
    }

    private void AppendData(ReadOnlySequence<byte> value)
    {
        var needed = _dataLength + (_hasData ? 1 : 0) + (int)value.Length;
        if (needed > _maxEventBytes)
        {
            throw new InvalidDataException($"An SSE event exceeded {_maxEventBytes} bytes.");
        }

        if (needed > _data.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, _data.Length * 2));
            _data.AsSpan(0, _dataLength).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_data);
            _data = larger;
        }

        if (_hasData)
        {
            _data[_dataLength++] = (byte)'\n';
        }

        value.CopyTo(_data.AsSpan(_dataLength));
        _dataLength += (int)value.Length;
        _hasData = true;
    }

    public void Dispose()
    {
        // Completing hands the pipe's buffered segments back to their pool.
        _reader.Complete();
        var data = _data;
        _data = [];
        if (data.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(data);
        }
    }
}
