using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Switchboard.Testing;

/// <summary>
/// A real HTTP server on a loopback port that records every request and answers with a
/// scripted handler. Tests set <see cref="Handler"/> to speak a provider's exact wire format.
/// </summary>
public sealed class FakeUpstream : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private StrongBox<long> _bytesSent = new();

    private FakeUpstream(WebApplication app) => _app = app;

    /// <summary>The handler answering each request; the body is already recorded and can be read from the argument.</summary>
    public Func<HttpContext, RecordedRequest, Task> Handler { get; set; } = (ctx, _) =>
    {
        ctx.Response.StatusCode = 404;
        return Task.CompletedTask;
    };

    public Uri BaseUrl { get; private set; } = null!;

    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    public RecordedRequest LastRequest => _requests.Last();

    /// <summary>Gets the bytes (headers and bodies) handed to the sockets of every connection so far.</summary>
    public long BytesSent => Interlocked.Read(ref _bytesSent.Value);

    public static async Task<FakeUpstream> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var counter = new StrongBox<long>();
        builder.WebHost.UseKestrel(o =>
        {
            // Counting at the transport sees what really went to the socket: Kestrel drops writes after a hang-up silently.
            o.Listen(IPAddress.Loopback, 0, listen => listen.Use(next => connection =>
            {
                var transport = connection.Transport;
                connection.Transport = new DuplexPipe(transport.Input, new CountingPipeWriter(transport.Output, n => Interlocked.Add(ref counter.Value, n)));
                return next(connection);
            }));
            o.Limits.MaxRequestBodySize = null;
        });
        builder.Services.Configure<KestrelServerOptions>(o => o.AllowSynchronousIO = false);
        var app = builder.Build();
        var fake = new FakeUpstream(app) { _bytesSent = counter };
        app.Run(async ctx =>
        {
            using var buffer = new MemoryStream();
            await ctx.Request.Body.CopyToAsync(buffer, ctx.RequestAborted);
            var headers = ctx.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            var recorded = new RecordedRequest(ctx.Request.Method, ctx.Request.Path.Value ?? "", ctx.Request.QueryString.Value ?? "", headers, buffer.ToArray());
            fake._requests.Enqueue(recorded);
            await fake.Handler(ctx, recorded);
        });
        await app.StartAsync();
        var address = app.Urls.First();
        fake.BaseUrl = new Uri(address);
        return fake;
    }

    public void Reset() => _requests.Clear();

    /// <summary>Answers with a JSON body and a status.</summary>
    public static async Task Json(HttpContext ctx, int status, string json, params (string Name, string Value)[] headers)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json";
        foreach (var (name, value) in headers)
        {
            ctx.Response.Headers[name] = value;
        }

        await ctx.Response.WriteAsync(json);
    }

    /// <summary>Answers with an SSE body made of the given raw event texts, flushed one by one.</summary>
    public static async Task Sse(HttpContext ctx, IEnumerable<string> rawEvents, TimeSpan? delayBetween = null)
    {
        ctx.Response.StatusCode = 200;
        ctx.Response.ContentType = "text/event-stream";
        await ctx.Response.StartAsync();
        foreach (var raw in rawEvents)
        {
            await ctx.Response.WriteAsync(raw);
            await ctx.Response.Body.FlushAsync();
            if (delayBetween is { } delay)
            {
                await Task.Delay(delay);
            }
        }
    }

    /// <summary>Aborts the connection without a response (a reset).</summary>
    public static Task Reset(HttpContext ctx)
    {
        ctx.Abort();
        return Task.CompletedTask;
    }

    /// <summary>Stops listening, so every later connection to <see cref="BaseUrl"/> is refused; disposing afterwards is still safe.</summary>
    public Task StopAsync() => _app.StopAsync();

    private sealed class DuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input => input;

        public PipeWriter Output => output;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
