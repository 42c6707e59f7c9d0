using System.Buffers;
using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Switchboard.Abstractions.Chat;
using Switchboard.Abstractions.Providers;
using Switchboard.Providers.Anthropic;
using Switchboard.Providers.Http;
using Switchboard.Testing;
using Xunit.Abstractions;
using static Switchboard.Providers.Tests.Anthropic.AnthropicTestKit;

namespace Switchboard.Providers.Tests.Anthropic;

public sealed class TmpTiming(ITestOutputHelper output)
{
    [Fact]
    public async Task Timing()
    {
        await using var fake = await FakeUpstream.StartAsync();
        var sw = Stopwatch.StartNew();
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        fake.Handler = async (ctx, _) =>
        {
            ctx.Response.ContentType = "text/event-stream";
            await ctx.Response.StartAsync();
            for (var i = 0; i < 8; i++)
            {
                await ctx.Response.WriteAsync($"event: content_block_delta\ndata: {{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{{\"type\":\"text_delta\",\"text\":\"{i}\"}}}}\n\n");
                await ctx.Response.Body.FlushAsync();
                log.Enqueue($"server wrote {i} at {sw.ElapsedMilliseconds}");
                await Task.Delay(150);
            }
        };
        using var clients = new UpstreamHttpClients();
        var provider = new AnthropicProvider(clients);
        var result = await provider.StreamAsync(SimpleCall(fake.BaseUrl, true, new UpstreamTimeouts(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(5))), CancellationToken.None);
        var stream = result.Value!;
        var buffer = new ArrayBufferWriter<byte>();
        for (var i = 0; i < 9; i++)
        {
            var step = await stream.ReadAsync(buffer, CancellationToken.None);
            log.Enqueue($"client step {step} at {sw.ElapsedMilliseconds} {stream.Error?.Message}");
            if (step != StreamStep.Data) break;
        }
        await stream.DisposeAsync();
        foreach (var l in log) output.WriteLine(l);
    }
}
