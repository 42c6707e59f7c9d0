using System.IO.Pipelines;
using System.Text;
using Switchboard.Providers.Sse;

namespace Switchboard.Providers.Tests.Sse;

public sealed class SseEventReaderTests
{
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
        using var reader = new SseEventReader(pipe.Reader);

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
        using var reader = new SseEventReader(pipe.Reader);
        var events = new List<string>();
        while (await reader.ReadAsync(default))
        {
            events.Add(Encoding.UTF8.GetString(reader.EventName) + "|" + Encoding.UTF8.GetString(reader.Data));
        }

        await writer;
        return events;
    }
}
