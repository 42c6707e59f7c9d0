using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Server.Kestrel.Core;

// A fake OpenAI (and Anthropic Messages) upstream that answers as fast as Kestrel allows, so load tests measure the gateway, not the fake.
// Usage: FakeUpstream [--port 5199] [--stream-delay-ms 0]
var port = 5199;
var streamDelayMs = 0;
for (var i = 0; i < args.Length - 1; i++)
{
    switch (args[i])
    {
        case "--port":
            port = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--stream-delay-ms":
            streamDelayMs = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
    }
}

var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(options =>
{
    options.Listen(System.Net.IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http1);
    options.AddServerHeader = false;
    options.Limits.MaxConcurrentConnections = null;
});

var app = builder.Build();
app.MapPost("/v1/chat/completions", (HttpContext context) => FakeResponses.HandleAsync(context, streamDelayMs));
app.MapGet("/v1/models", (HttpContext context) => FakeResponses.WriteModelsAsync(context));
app.MapPost("/v1/messages", (HttpContext context) => FakeResponses.HandleAsync(context, streamDelayMs, FakeResponses.Message, FakeResponses.MessageEvents));

await app.StartAsync();
Console.WriteLine($"FakeUpstream ready on http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
await app.WaitForShutdownAsync();

/// <summary>Precomputed bodies and the request handler.</summary>
internal static class FakeResponses
{
    private const string Id = "chatcmpl-bench0000000000000000000001";
    private const string Model = "gpt-bench";
    private const long Created = 1_700_000_000;

    /// <summary>The 21 content fragments of the stream (and, joined, the non-streamed answer).</summary>
    private static readonly string[] Words =
    [
        "The", " quick", " brown", " fox", " jumps", " over", " the", " lazy", " dog", ",", " and",
        " the", " gateway", " relays", " every", " token", " without", " adding", " much", " delay", ".",
    ];

    public static readonly byte[] Completion = Encoding.UTF8.GetBytes(
        "{\"id\":\"" + Id + "\",\"object\":\"chat.completion\",\"created\":" + Created.ToString(CultureInfo.InvariantCulture)
        + ",\"model\":\"" + Model + "\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + string.Concat(Words)
        + "\",\"refusal\":null,\"annotations\":[]},\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":19,\"completion_tokens\":21,\"total_tokens\":40,"
        + "\"prompt_tokens_details\":{\"cached_tokens\":0,\"audio_tokens\":0},\"completion_tokens_details\":{\"reasoning_tokens\":0,\"audio_tokens\":0,"
        + "\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}},\"service_tier\":\"default\",\"system_fingerprint\":\"fp_bench\"}");

    /// <summary>The 24 <c>data:</c> events plus <c>data: [DONE]</c>, each a complete SSE event.</summary>
    public static readonly byte[][] StreamEvents = BuildStream();

    private static readonly byte[] Models = Encoding.UTF8.GetBytes(
        "{\"object\":\"list\",\"data\":[{\"id\":\"" + Model + "\",\"object\":\"model\",\"created\":" + Created.ToString(CultureInfo.InvariantCulture) + ",\"owned_by\":\"bench\"}]}");

    /// <summary>The same answer as an Anthropic Messages <c>message</c> object.</summary>
    public static readonly byte[] Message = Encoding.UTF8.GetBytes(
        "{\"id\":\"msg_bench0000000000000000000001\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-bench\",\"content\":[{\"type\":\"text\",\"text\":\""
        + string.Concat(Words) + "\"}],\"stop_reason\":\"end_turn\",\"stop_sequence\":null,\"usage\":{\"input_tokens\":19,\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0,\"output_tokens\":21}}");

    /// <summary>The same answer as Anthropic's 26 stream events (message_start, one text block of 21 deltas, message_delta, message_stop).</summary>
    public static readonly byte[][] MessageEvents = BuildMessageStream();

    public static Task HandleAsync(HttpContext context, int streamDelayMs) => HandleAsync(context, streamDelayMs, Completion, StreamEvents);

    public static async Task HandleAsync(HttpContext context, int streamDelayMs, byte[] answer, byte[][] events)
    {
        var stream = await IsStreamRequestAsync(context.Request);
        var response = context.Response;
        response.StatusCode = 200;
        if (!stream)
        {
            response.ContentType = "application/json";
            response.ContentLength = answer.Length;
            await response.Body.WriteAsync(answer, context.RequestAborted);
            return;
        }

        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        var writer = response.BodyWriter;
        foreach (var sseEvent in events)
        {
            if (streamDelayMs > 0)
            {
                await Task.Delay(streamDelayMs, context.RequestAborted);
            }

            var result = await writer.WriteAsync(sseEvent, context.RequestAborted);
            if (result.IsCompleted || result.IsCanceled)
            {
                return;
            }
        }
    }

    public static Task WriteModelsAsync(HttpContext context)
    {
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = Models.Length;
        return context.Response.Body.WriteAsync(Models, context.RequestAborted).AsTask();
    }

    /// <summary>Reads the whole body and looks for <c>"stream":true</c> (with or without a space) in the bytes.</summary>
    private static async ValueTask<bool> IsStreamRequestAsync(HttpRequest request)
    {
        var reader = request.BodyReader;
        while (true)
        {
            var result = await reader.ReadAsync();
            if (result.IsCompleted)
            {
                var found = ContainsStreamTrue(result.Buffer);
                reader.AdvanceTo(result.Buffer.End);
                return found;
            }

            reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        }
    }

    private static bool ContainsStreamTrue(in System.Buffers.ReadOnlySequence<byte> body)
    {
        if (body.IsSingleSegment)
        {
            return ContainsStreamTrue(body.FirstSpan);
        }

        var copy = System.Buffers.ArrayPool<byte>.Shared.Rent((int)body.Length);
        try
        {
            System.Buffers.BuffersExtensions.CopyTo(body, copy);
            return ContainsStreamTrue(copy.AsSpan(0, (int)body.Length));
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(copy);
        }
    }

    private static bool ContainsStreamTrue(ReadOnlySpan<byte> body) =>
        body.IndexOf("\"stream\":true"u8) >= 0 || body.IndexOf("\"stream\": true"u8) >= 0;

    private static byte[][] BuildStream()
    {
        var prefix = "{\"id\":\"" + Id + "\",\"object\":\"chat.completion.chunk\",\"created\":" + Created.ToString(CultureInfo.InvariantCulture)
            + ",\"model\":\"" + Model + "\",\"service_tier\":\"default\",\"system_fingerprint\":\"fp_bench\",\"choices\":";
        var events = new List<string>
        {
            prefix + "[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}",
        };
        foreach (var word in Words)
        {
            events.Add(prefix + "[{\"index\":0,\"delta\":{\"content\":\"" + word + "\"},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}");
        }

        events.Add(prefix + "[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":null}");
        events.Add(prefix + "[],\"usage\":{\"prompt_tokens\":19,\"completion_tokens\":21,\"total_tokens\":40,\"prompt_tokens_details\":{\"cached_tokens\":0,\"audio_tokens\":0},"
            + "\"completion_tokens_details\":{\"reasoning_tokens\":0,\"audio_tokens\":0,\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}}}");
        events.Add("[DONE]");
        return events.Select(e => Encoding.UTF8.GetBytes("data: " + e + "\n\n")).ToArray();
    }

    private static byte[][] BuildMessageStream()
    {
        var events = new List<(string Name, string Data)>
        {
            ("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_bench0000000000000000000001\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-bench\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":19,\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0,\"output_tokens\":1}}}"),
            ("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"),
        };
        foreach (var word in Words)
        {
            events.Add(("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"" + word + "\"}}"));
        }

        events.Add(("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"));
        events.Add(("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":21}}"));
        events.Add(("message_stop", "{\"type\":\"message_stop\"}"));
        return events.Select(e => Encoding.UTF8.GetBytes("event: " + e.Name + "\ndata: " + e.Data + "\n\n")).ToArray();
    }
}
