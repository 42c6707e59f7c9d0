using System.Buffers;

using Switchboard.Core.Tokenization;
namespace Switchboard.Benchmarks.Legacy;

/// <summary>Splits one pre-tokenized piece into tokens by byte-pair merging, exactly as tiktoken does.</summary>
/// <remarks>
/// tiktoken's rule: start from single bytes and repeatedly merge the adjacent pair whose concatenation has the
/// lowest rank, the leftmost one on ties, until no adjacent pair is a token. Short pieces use tiktoken's own
/// O(n²) scan over small arrays (fastest for the usual word-sized piece); long pieces (runs of CJK text or
/// whitespace without a split point) use a heap with lazy invalidation, O(n log n), which picks the same pair
/// at every step because the heap orders by (rank, position).
/// </remarks>
internal static class LegacyBytePairMerger
{
    /// <summary>Pieces up to this many bytes use the quadratic scan; it beats the heap well past typical word length.</summary>
    internal const int QuadraticLimit = 256;

    /// <summary>Writes the tokens of <paramref name="piece"/> to <paramref name="output"/> (at least piece.Length long) and returns their count.</summary>
    public static int Encode(LegacyRankTable ranks, ReadOnlySpan<byte> piece, Span<int> output)
    {
        if (piece.Length == 1)
        {
            output[0] = ranks.GetByteRank(piece[0]);
            return 1;
        }

        // tiktoken takes a piece that is itself a token as that token before merging anything.
        if (piece.Length <= ranks.MaxTokenLength)
        {
            var whole = ranks.GetRank(piece);
            if (whole != LegacyRankTable.NoRank)
            {
                output[0] = whole;
                return 1;
            }
        }

        return piece.Length <= QuadraticLimit ? MergeQuadratic(ranks, piece, output) : MergeWithHeap(ranks, piece, output);
    }

    /// <summary>Merges with tiktoken's quadratic scan; <paramref name="piece"/> must be 2 to QuadraticLimit bytes long.</summary>
    internal static int MergeQuadratic(LegacyRankTable ranks, ReadOnlySpan<byte> piece, Span<int> output)
    {
        var n = piece.Length;

        // starts[i] is where part i begins (starts[count] == n); pairs[i] is the rank of parts i and i+1 joined;
        // parts[i] is the rank of part i itself, kept so the result needs no second lookup.
        // Sized to the piece: stackalloc zeroes what it reserves, and most pieces are a few bytes long.
        Span<int> starts = stackalloc int[n + 1];
        Span<int> pairs = stackalloc int[n];
        Span<int> parts = stackalloc int[n];
        for (var i = 0; i < n; i++)
        {
            starts[i] = i;
            parts[i] = ranks.GetByteRank(piece[i]);
            pairs[i] = i + 1 < n ? ranks.GetPairRank(piece[i], piece[i + 1]) : LegacyRankTable.NoRank;
        }

        starts[n] = n;
        var count = n;
        while (true)
        {
            var min = LegacyRankTable.NoRank;
            var at = -1;
            for (var i = 0; i < count - 1; i++)
            {
                if (pairs[i] < min)
                {
                    min = pairs[i];
                    at = i;
                }
            }

            if (at < 0)
            {
                break;
            }

            // Join parts at and at+1: drop boundary at+1, then re-rank the pairs that now touch the new part.
            parts[at] = min;
            var tail = count - at - 1;
            starts.Slice(at + 2, tail).CopyTo(starts[(at + 1)..]);
            pairs.Slice(at + 2, tail - 1).CopyTo(pairs[(at + 1)..]);
            parts.Slice(at + 2, tail - 1).CopyTo(parts[(at + 1)..]);
            count--;
            pairs[at] = at + 1 < count ? ranks.GetRank(piece[starts[at]..starts[at + 2]]) : LegacyRankTable.NoRank;
            if (at > 0)
            {
                pairs[at - 1] = ranks.GetRank(piece[starts[at - 1]..starts[at + 1]]);
            }
        }

        parts[..count].CopyTo(output);
        return count;
    }

    /// <summary>Merges with a heap of candidate pairs; any length of at least 2 bytes.</summary>
    internal static int MergeWithHeap(LegacyRankTable ranks, ReadOnlySpan<byte> piece, Span<int> output)
    {
        var n = piece.Length;
        var next = ArrayPool<int>.Shared.Rent(n);
        var prev = ArrayPool<int>.Shared.Rent(n);
        var parts = ArrayPool<int>.Shared.Rent(n);
        var pairs = ArrayPool<int>.Shared.Rent(n);
        try
        {
            var heap = new PriorityQueue<int, long>(n);
            for (var i = 0; i < n; i++)
            {
                next[i] = i + 1;
                prev[i] = i - 1;
                parts[i] = ranks.GetByteRank(piece[i]);
                pairs[i] = i + 1 < n ? ranks.GetPairRank(piece[i], piece[i + 1]) : LegacyRankTable.NoRank;
                if (pairs[i] != LegacyRankTable.NoRank)
                {
                    heap.Enqueue(i, Priority(pairs[i], i));
                }
            }

            while (heap.TryDequeue(out var at, out var priority))
            {
                var rank = (int)(priority >> 32);

                // Entries are never removed from the heap; one is stale when its part was merged away
                // (parts == -1) or its pair was re-ranked since it was queued.
                if (parts[at] < 0 || pairs[at] != rank)
                {
                    continue;
                }

                var joined = next[at];
                parts[at] = rank;
                parts[joined] = -1;
                next[at] = next[joined];
                if (next[at] < n)
                {
                    prev[next[at]] = at;
                    pairs[at] = ranks.GetRank(piece[at..NextEnd(next, next[at], n)]);
                    if (pairs[at] != LegacyRankTable.NoRank)
                    {
                        heap.Enqueue(at, Priority(pairs[at], at));
                    }
                }
                else
                {
                    pairs[at] = LegacyRankTable.NoRank;
                }

                var before = prev[at];
                if (before >= 0)
                {
                    pairs[before] = ranks.GetRank(piece[before..next[at]]);
                    if (pairs[before] != LegacyRankTable.NoRank)
                    {
                        heap.Enqueue(before, Priority(pairs[before], before));
                    }
                }
            }

            var count = 0;
            for (var i = 0; i < n; i = next[i])
            {
                output[count++] = parts[i];
            }

            return count;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(next);
            ArrayPool<int>.Shared.Return(prev);
            ArrayPool<int>.Shared.Return(parts);
            ArrayPool<int>.Shared.Return(pairs);
        }
    }

    private static int NextEnd(int[] next, int start, int n) => start < n ? next[start] : n;

    private static long Priority(int rank, int position) => ((long)rank << 32) | (uint)position;
}
