using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Microsoft.Extensions.Caching.Hybrid;
using Switchboard.Abstractions.Usage;

namespace Switchboard.Core.Caching;

/// <summary>Writes a <see cref="CachedAnswer"/> as bytes for the shared level and reads it back: a version byte, the six usage counts, the finish reason and the JSON.</summary>
/// <remarks>A payload of another version or a torn one reads as a miss (the entry is simply asked again), never as an error. Thread-safe.</remarks>
internal sealed class CachedAnswerSerializer : IHybridCacheSerializer<CachedAnswer>
{
    private const byte Version = 1;
    private const int HeaderBytes = 1 + (6 * sizeof(long)) + sizeof(int);

    /// <inheritdoc/>
    public CachedAnswer Deserialize(ReadOnlySequence<byte> source)
    {
        var bytes = source.IsSingleSegment ? source.FirstSpan : source.ToArray();
        if (bytes.Length < HeaderBytes || bytes[0] != Version)
        {
            throw new InvalidDataException("The cached answer has an unknown layout.");
        }

        var usage = new TokenUsage(
            BinaryPrimitives.ReadInt64LittleEndian(bytes[1..]),
            BinaryPrimitives.ReadInt64LittleEndian(bytes[9..]),
            BinaryPrimitives.ReadInt64LittleEndian(bytes[17..]),
            BinaryPrimitives.ReadInt64LittleEndian(bytes[25..]),
            BinaryPrimitives.ReadInt64LittleEndian(bytes[33..]),
            BinaryPrimitives.ReadInt64LittleEndian(bytes[41..]));
        var finishLength = BinaryPrimitives.ReadInt32LittleEndian(bytes[49..]);
        if (finishLength < 0 || finishLength > bytes.Length - HeaderBytes)
        {
            throw new InvalidDataException("The cached answer is torn.");
        }

        var finish = finishLength == 0 ? null : Encoding.UTF8.GetString(bytes.Slice(HeaderBytes, finishLength));
        return new CachedAnswer { Usage = usage, FinishReason = finish, Json = bytes[(HeaderBytes + finishLength)..].ToArray() };
    }

    /// <inheritdoc/>
    public void Serialize(CachedAnswer value, IBufferWriter<byte> target)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(target);
        var finishLength = value.FinishReason is null ? 0 : Encoding.UTF8.GetByteCount(value.FinishReason);
        var span = target.GetSpan(HeaderBytes + finishLength + value.Json.Length);
        span[0] = Version;
        var usage = value.Usage;
        BinaryPrimitives.WriteInt64LittleEndian(span[1..], usage.InputTokens);
        BinaryPrimitives.WriteInt64LittleEndian(span[9..], usage.OutputTokens);
        BinaryPrimitives.WriteInt64LittleEndian(span[17..], usage.CachedInputTokens);
        BinaryPrimitives.WriteInt64LittleEndian(span[25..], usage.CacheWriteTokens);
        BinaryPrimitives.WriteInt64LittleEndian(span[33..], usage.ReasoningTokens);
        BinaryPrimitives.WriteInt64LittleEndian(span[41..], usage.CacheWrite1HourTokens);
        BinaryPrimitives.WriteInt32LittleEndian(span[49..], finishLength);
        if (value.FinishReason is not null)
        {
            Encoding.UTF8.GetBytes(value.FinishReason, span.Slice(HeaderBytes, finishLength));
        }

        value.Json.Span.CopyTo(span[(HeaderBytes + finishLength)..]);
        target.Advance(HeaderBytes + finishLength + value.Json.Length);
    }
}
