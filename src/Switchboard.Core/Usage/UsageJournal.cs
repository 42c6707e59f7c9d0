using System.Buffers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Switchboard.Abstractions.Storage;
using Switchboard.Abstractions.Usage;

namespace Switchboard.Core.Usage;

/// <summary>Keeps usage records on local disk while the database is unavailable: an append-only JSON-lines file, fsync'd per batch, replayed on recovery.</summary>
/// <remarks>
/// Replays are idempotent because storage ignores request ids it already has, so a replay cut short is simply
/// repeated. A line torn by a crash mid-append is skipped with a warning. The file is deleted once every record
/// in it is stored. Thread-safe; the writer is its only caller in practice.
/// </remarks>
public sealed partial class UsageJournal
{
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private long _pending = -1;

    /// <summary>Creates a journal at <paramref name="path"/>; its directory is created on the first append.</summary>
    public UsageJournal(string path, ILogger logger)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = System.IO.Path.GetFullPath(path);
        _logger = logger;
    }

    /// <summary>Gets the full path of the journal file.</summary>
    public string Path { get; }

    /// <summary>Gets the number of records in the journal that are not yet replayed.</summary>
    public long Pending
    {
        get
        {
            lock (_gate)
            {
                if (_pending < 0)
                {
                    _pending = CountLines();
                }

                return _pending;
            }
        }
    }

    /// <summary>Appends the records and flushes them to disk before returning.</summary>
    /// <exception cref="IOException">The file could not be written; the caller keeps the records.</exception>
    public void Append(IReadOnlyList<UsageRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0)
        {
            return;
        }

        var buffer = new ArrayBufferWriter<byte>(records.Count * 512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            foreach (var record in records)
            {
                JsonSerializer.Serialize(writer, record, UsageJournalJsonContext.Default.UsageRecord);
                writer.Flush();
                buffer.Write("\n"u8);
                writer.Reset();
            }
        }

        lock (_gate)
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            using var held = HoldFileLock();
            var pending = _pending < 0 ? CountLines() : _pending;
            using (var stream = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read, 1 << 16))
            {
                stream.Write(buffer.WrittenSpan);
                stream.Flush(flushToDisk: true);
            }

            _pending = pending + records.Count;
        }
    }

    /// <summary>Stores every journaled record in batches and deletes the file; returns how many records were replayed.</summary>
    /// <exception cref="Exception">Storage failed; the journal is kept whole and the replay can be repeated.</exception>
    public async Task<long> ReplayAsync(IUsageStore store, int batchSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (!File.Exists(Path))
        {
            lock (_gate)
            {
                _pending = 0;
            }

            return 0;
        }

        // Held across the replay: another process sharing the database (and so this path) must not append between the
        // read and the delete, or its records would go with the file.
        using var held = HoldFileLock();
        if (!File.Exists(Path))
        {
            lock (_gate)
            {
                _pending = 0;
            }

            return 0;
        }

        long replayed = 0;
        var batch = new List<UsageRecord>(batchSize);
        using (var reader = new StreamReader(new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16)))
        {
            var lineNumber = 0;
            while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
            {
                lineNumber++;
                if (Parse(line, lineNumber) is { } record)
                {
                    batch.Add(record);
                }

                if (batch.Count >= batchSize)
                {
                    await store.InsertAsync(batch, cancellationToken).ConfigureAwait(false);
                    replayed += batch.Count;
                    batch.Clear();
                }
            }
        }

        if (batch.Count > 0)
        {
            await store.InsertAsync(batch, cancellationToken).ConfigureAwait(false);
            replayed += batch.Count;
        }

        lock (_gate)
        {
            File.Delete(Path);
            _pending = 0;
        }

        LogReplayed(_logger, replayed, Path);
        return replayed;
    }

    /// <summary>Takes the journal's lock file, shared by every process that uses this path; waits up to 30 s.</summary>
    /// <exception cref="IOException">Another process held it all that time.</exception>
    private FileStream HoldFileLock()
    {
        var deadline = Environment.TickCount64 + 30_000;
        while (true)
        {
            try
            {
                return new FileStream(Path + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            }
            catch (IOException) when (Environment.TickCount64 < deadline)
            {
                Thread.Sleep(10);
            }
        }
    }

    private UsageRecord? Parse(string line, int lineNumber)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return null;
        }

        try
        {
            var record = JsonSerializer.Deserialize(line, UsageJournalJsonContext.Default.UsageRecord);

            // A line an older build wrote has no protocol, and the generated reader sets a missing init property to null
            // rather than leaving its default; every request before protocols were recorded came through Chat Completions.
            return record is { Protocol: null } ? record with { Protocol = "openai-chat" } : record;
        }
        catch (JsonException)
        {
            LogTornLine(_logger, lineNumber, Path);
            return null;
        }
    }

    private long CountLines()
    {
        if (!File.Exists(Path))
        {
            return 0;
        }

        long count = 0;
        using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16);
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                count += buffer.AsSpan(0, read).Count((byte)'\n');
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Replayed {Count} journaled usage records from {Path} into storage.")]
    private static partial void LogReplayed(ILogger logger, long count, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped an unreadable line {Line} of the usage journal {Path} (torn by a crash mid-write).")]
    private static partial void LogTornLine(ILogger logger, int line, string path);
}
