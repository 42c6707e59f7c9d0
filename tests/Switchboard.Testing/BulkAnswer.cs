using Microsoft.AspNetCore.Http;

namespace Switchboard.Testing;

/// <summary>Answers with a large body written in 64 KiB chunks, never held whole, and counts the answers that ended.</summary>
/// <remarks>
/// The body is <c>padding</c> bytes of filler followed by <c>tail</c>; leading blank space keeps a JSON tail valid. What
/// really reached the socket is <see cref="FakeUpstream.BytesSent"/>: Kestrel drops writes after the client hung up.
/// </remarks>
public sealed class BulkAnswer
{
    private const int ChunkBytes = 64 * 1024;
    private int _ended;

    /// <summary>Gets how many answers ended, written whole or cut short because the client hung up.</summary>
    public int Ended => Volatile.Read(ref _ended);

    /// <summary>Writes an answer of <paramref name="padding"/> filler bytes then <paramref name="tail"/>, with or without <c>Content-Length</c>.</summary>
    public async Task WriteAsync(HttpContext ctx, long padding, bool contentLength, string tail = "", string contentType = "application/json", byte filler = (byte)' ', int status = 200)
    {
        var tailBytes = System.Text.Encoding.UTF8.GetBytes(tail);
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = contentType;
        if (contentLength)
        {
            ctx.Response.ContentLength = padding + tailBytes.Length;
        }

        var chunk = new byte[ChunkBytes];
        Array.Fill(chunk, filler);
        try
        {
            await ctx.Response.StartAsync(ctx.RequestAborted);
            for (var sent = 0L; sent < padding;)
            {
                var count = (int)Math.Min(chunk.Length, padding - sent);
                await WriteChunkAsync(ctx, chunk.AsMemory(0, count));
                sent += count;
            }

            await WriteChunkAsync(ctx, tailBytes);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or InvalidOperationException)
        {
            // The client hung up.
        }
        finally
        {
            Interlocked.Increment(ref _ended);
        }
    }

    /// <summary>Writes <paramref name="total"/> bytes one at a time, <paramref name="gap"/> apart, as a body that never finishes in time.</summary>
    public async Task TrickleAsync(HttpContext ctx, int total, TimeSpan gap, string contentType = "application/json")
    {
        ctx.Response.StatusCode = 200;
        ctx.Response.ContentType = contentType;
        try
        {
            await ctx.Response.StartAsync(ctx.RequestAborted);
            for (var i = 0; i < total; i++)
            {
                await WriteChunkAsync(ctx, " "u8.ToArray());
                await Task.Delay(gap, ctx.RequestAborted);
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or InvalidOperationException)
        {
            // The client hung up.
        }
        finally
        {
            Interlocked.Increment(ref _ended);
        }
    }

    private static async Task WriteChunkAsync(HttpContext ctx, ReadOnlyMemory<byte> bytes)
    {
        ctx.RequestAborted.ThrowIfCancellationRequested();
        var flushed = await ctx.Response.BodyWriter.WriteAsync(bytes, ctx.RequestAborted);
        if (flushed.IsCompleted || flushed.IsCanceled)
        {
            throw new IOException("The client hung up.");
        }
    }
}
