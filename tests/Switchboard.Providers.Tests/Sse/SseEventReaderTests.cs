using System.IO.Pipelines;
using System.Text;
using Switchboard.Providers.Sse;

namespace Switchboard.Providers.Tests.Sse;

public sealed class SseEventReaderTests
{
    private const int Cap = 128 * 1024;

    [Fact]
    public async Task ReadAsync_SpecEdgeCases_ParsesEveryEvent()
    {
        const string text = ": comment\n\nevent: message_start\ndata: {\"a\":1}\n\ndata:no-space\r\n\r\ndata: line1\ndata: line2\n\nid: 7\nretry: 10\ndata: x\r\rdata: tail-without-blank-line";
        var events = await ReadAllAsync(Encoding.UTF8.GetBytes(text), chunkSize: 1000);

        Assert.Equal(["message_start|{\"a\":1}", "|no-space", "|line1\nline2", "|x", "|tail-without-blank-line"], events);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    public async Task ReadAsync_BytesArriveInTinyPieces_SameEvents(int chunkSize)
    {
        const string text = "event: e\r\ndata: {\"k\":\"v\"}\r\n\r\ndata: 2\n\n: ping\n\ndata: [DONE]\n\n";
        var events = await ReadAllAsync(Encoding.UTF8.GetBytes(text), chunkSize);
        Assert.Equal(["e|{\"k\":\"v\"}", "|2", "|[DONE]"], events);
    }

    [Fact]
    public async Task ReadAsync_BufferedEvents_AreReturnedWithoutWaitingForMoreBytes()
    {
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(Encoding.UTF8.GetBytes("data: 1\n\ndata: 2\n\n"));
        using var reader = new SseEventReader(pipe.Reader, Cap);

        Assert.True(await reader.ReadAsync(default));
        var second = reader.ReadAsync(default).AsTask();
        var finished = await Task.WhenAny(second, Task.Delay(2000));

        Assert.Same(second, finished);
        Assert.Equal("2", Encoding.UTF8.GetString(reader.Data));
    }

    [Fact]
    public async Task ReadAsync_LargeEvent_GrowsBuffer()
    {
        var big = new string('x', 100_000);
        var events = await ReadAllAsync(Encoding.UTF8.GetBytes($"data: {big}\n\n"), 4096);
        Assert.Equal("|" + big, Assert.Single(events));
    }

    [Fact]
    public async Task ReadAsync_LineAtTheCap_IsRead()
    {
        var data = new string('y', Cap - "data: ".Length);
        var events = await ReadAllAsync(Encoding.UTF8.GetBytes($"data: {data}\n\n"), 4096);
        Assert.Equal("|" + data, Assert.Single(events));
    }

    [Fact]
    public async Task ReadAsync_UnfinishedLinePastTheCap_FailsWithoutWaitingForItsEnd()
    {
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 0));
        using var reader = new SseEventReader(pipe.Reader, Cap);
        await pipe.Writer.WriteAsync(Encoding.UTF8.GetBytes("data: " + new string('z', Cap - 100)));
        var read = reader.ReadAsync(default).AsTask();

        // Under the cap an unfinished line waits for more bytes.
        Assert.NotSame(read, await Task.WhenAny(read, Task.Delay(300)));

        // Past it the read fails although the line has not ended and the writer has not completed.
        await pipe.Writer.WriteAsync(Encoding.UTF8.GetBytes(new string('z', 200)));
        Assert.Same(read, await Task.WhenAny(read, Task.Delay(TimeSpan.FromSeconds(30))));
        var failure = await Assert.ThrowsAsync<InvalidDataException>(() => read);
        Assert.Contains("line", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_EventOfManyShortLinesOverTheCap_Fails()
    {
        var line = "data: " + new string('d', 1000) + "\n";
        var text = string.Concat(Enumerable.Repeat(line, (Cap / 1000) + 2)) + "\n";
        await Assert.ThrowsAsync<InvalidDataException>(() => ReadAllAsync(Encoding.UTF8.GetBytes(text), 4096));
    }

    private static async Task<List<string>> ReadAllAsync(byte[] bytes, int chunkSize)
    {
        var pipe = new Pipe();
        var writer = Task.Run(async () =>
        {
            for (var i = 0; i < bytes.Length; i += chunkSize)
            {
                await pipe.Writer.WriteAsync(bytes.AsMemory(i, Math.Min(chunkSize, bytes.Length - i)));
            }

            await pipe.Writer.CompleteAsync();
        });
        using var reader = new SseEventReader(pipe.Reader, Cap);
        var events = new List<string>();
        while (await reader.ReadAsync(default))
        {
            events.Add(Encoding.UTF8.GetString(reader.EventName) + "|" + Encoding.UTF8.GetString(reader.Data));
        }

        await writer;
        return events;
    }
}
