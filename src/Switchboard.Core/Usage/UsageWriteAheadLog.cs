using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Switchboard.Abstractions.Storage;
using Switchboard.Abstractions.Usage;

namespace Switchboard.Core.Usage;

/// <summary>Makes every usage record durable before its response completes: an append to a local file, kept until the record is stored.</summary>
/// <remarks>
/// <para>The writer stores records in batches a moment after their requests end, so a process killed in between (<c>kill -9</c>,
/// an out-of-memory kill) would lose the usage of requests its clients saw answered. Each record is therefore appended to a
/// segment file first, one <c>write</c> call on the request path with no <c>fsync</c>: the kernel keeps the bytes when the
/// process dies, which is the failure this guards against (a power loss can still cost the last moments, as it would a
/// database running with <c>synchronous=NORMAL</c>).</para>
/// <para>A segment is deleted once every record in it has been stored or moved to the outage journal. Segments are held
/// under an exclusive file lock by the process that writes them, so at start a process replays only the segments whose
/// owner is gone. Replays are idempotent because storage ignores request ids it already has. Thread-safe.</para>
/// </remarks>
public sealed partial class UsageWriteAheadLog : IDisposable
{
    private const string Extension = ".jsonl";

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    private readonly ILogger _logger;
    private readonly long _segmentBytes;
    private readonly string _prefix;
    private readonly Lock _gate = new();
    private UsageWalSegment? _current;
    private int _next;
    private int _failing;
    private bool _disposed;

    /// <summary>Creates a log in <paramref name="directory"/> (created on first use) that starts a new segment after <paramref name="segmentBytes"/>.</summary>
    public UsageWriteAheadLog(string directory, ILogger<UsageWriteAheadLog> logger, long segmentBytes = 8 * 1024 * 1024)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory = Path.GetFullPath(directory);
        _logger = logger;
        _segmentBytes = segmentBytes;
        _prefix = string.Create(CultureInfo.InvariantCulture, $"usage-{Environment.ProcessId}-{Guid.NewGuid():N}-");
    }

    /// <summary>Gets the directory that holds the segments.</summary>
    public string Directory { get; }

    /// <summary>Appends a record; returns the segment that holds it, to be released once the record is stored, or null when the disk refused it (the record then lives in memory only, and the failure is logged once).</summary>
    public UsageWalSegment? Append(UsageRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        ReadOnlySpan<byte> line;
        try
        {
            line = Serialize(record);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or NotSupportedException)
        {
            // A record the serializer refuses still goes to the queue; only its crash safety is lost.
            LogAppendFailed(_logger, Directory, e.Message);
            return null;
        }

        lock (_gate)
        {
            if (_disposed)
            {
                return null;
            }

            try
            {
                var segment = _current ??= Open();
                RandomAccess.Write(segment.Handle, line, segment.Length);
                segment.Length += line.Length;
                segment.Pending++;
                if (segment.Length >= _segmentBytes)
                {
                    segment.Sealed = true;
                    _current = null;
                }

                if (Interlocked.Exchange(ref _failing, 0) != 0)
                {
                    LogAppendRecovered(_logger, Directory);
                }

                return segment;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                if (Interlocked.Exchange(ref _failing, 1) == 0)
                {
                    LogAppendFailed(_logger, Directory, e.Message);
                }

                return null;
            }
        }
    }

    /// <summary>Says that <paramref name="count"/> records of <paramref name="segment"/> are stored; a sealed segment with none left is deleted.</summary>
    public void Release(UsageWalSegment segment, int count)
    {
        ArgumentNullException.ThrowIfNull(segment);
        lock (_gate)
        {
            segment.Pending -= count;
            if (segment.Pending <= 0 && (segment.Sealed || _disposed))
            {
                Delete(segment);
            }
        }
    }

    /// <summary>Stores the records of segments whose process is gone (a crash), then deletes them; returns how many records were replayed.</summary>
    /// <exception cref="Exception">Storage failed; the segments are kept for the next attempt.</exception>
    public async Task<long> RecoverAsync(IUsageStore store, int batchSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (!System.IO.Directory.Exists(Directory))
        {
            return 0;
        }

        long replayed = 0;
        foreach (var path in System.IO.Directory.EnumerateFiles(Directory, "usage-*" + Extension).Order(StringComparer.Ordinal).ToList())
        {
            if (Path.GetFileName(path).StartsWith(_prefix, StringComparison.Ordinal) || IsOwnerAlive(path) || IsHeldByAnotherProcess(path))
            {
                continue;
            }

            // A segment is written like the outage journal (one JSON record per line), so the journal's replay serves both.
            replayed += await new UsageJournal(path, _logger).ReplayAsync(store, batchSize, cancellationToken).ConfigureAwait(false);
            File.Delete(path + ".lock");
        }

        if (replayed > 0)
        {
            LogRecovered(_logger, replayed, Directory);
        }

        return replayed;
    }

    /// <summary>Closes the current segment; it is deleted when every record in it was stored, and kept for the next start otherwise.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            if (_current is { } segment)
            {
                _current = null;
                if (segment.Pending <= 0)
                {
                    Delete(segment);
                }
                else
                {
                    segment.Handle.Dispose();
                }
            }
        }
    }

    private static ReadOnlySpan<byte> Serialize(UsageRecord record)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        var writer = t_writer ??= new Utf8JsonWriter(buffer);
        writer.Reset(buffer);
        JsonSerializer.Serialize(writer, record, UsageJournalJsonContext.Default.UsageRecord);
        writer.Flush();
        buffer.Write("\n"u8);
        return buffer.WrittenSpan;
    }

    /// <summary>Returns whether the process named in the segment's name still runs (Linux); it covers the moment between a segment's creation and its lock.</summary>
    /// <remarks>A reused process id only delays the replay to a later start; it never loses a record.</remarks>
    private static bool IsOwnerAlive(string path)
    {
        var name = Path.GetFileName(path.AsSpan());
        var rest = name["usage-".Length..];
        var dash = rest.IndexOf('-');
        return OperatingSystem.IsLinux() && dash > 0
            && int.TryParse(rest[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            && pid != Environment.ProcessId
            && System.IO.Directory.Exists($"/proc/{pid}");
    }

    private static bool IsHeldByAnotherProcess(string path)
    {
        try
        {
            // The owner holds its segments with an exclusive lock; a segment that can be locked has no owner left.
            using var probe = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.None);
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }

    private UsageWalSegment Open()
    {
        System.IO.Directory.CreateDirectory(Directory);
        var path = Path.Combine(Directory, string.Create(CultureInfo.InvariantCulture, $"{_prefix}{_next++:D6}{Extension}"));
        return new UsageWalSegment(path, File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write, FileShare.None));
    }

    private void Delete(UsageWalSegment segment)
    {
        segment.Handle.Dispose();
        try
        {
            File.Delete(segment.Path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A segment left behind is replayed (idempotently) at the next start.
            LogDeleteFailed(_logger, segment.Path, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Appending usage to the write-ahead log in {Directory} failed ({Reason}); records are kept in memory until stored, and a crash now would lose them.")]
    private static partial void LogAppendFailed(ILogger logger, string directory, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "The usage write-ahead log in {Directory} accepts appends again.")]
    private static partial void LogAppendRecovered(ILogger logger, string directory);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stored {Count} usage records from the write-ahead log in {Directory} that an earlier process left behind.")]
    private static partial void LogRecovered(ILogger logger, long count, string directory);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deleting the stored write-ahead log segment {Path} failed ({Reason}); it will be replayed at the next start.")]
    private static partial void LogDeleteFailed(ILogger logger, string path, string reason);
}
