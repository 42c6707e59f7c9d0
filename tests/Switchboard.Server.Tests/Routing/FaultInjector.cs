using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Switchboard.Server.Tests.Infrastructure;
using Switchboard.Testing;

namespace Switchboard.Server.Tests.Routing;

/// <summary>Answers as a flaky OpenAI upstream: every n-th call injects the next fault of a cycle, the rest answer well.</summary>
/// <remarks>
/// For streams, faults that would strike after the first byte (a reset mid-body) are injected before it instead;
/// failures after the first byte cannot fail over by design and have their own test.
/// </remarks>
public sealed class FaultInjector(int every)
{
    private static readonly FaultKind[] Cycle = Enum.GetValues<FaultKind>();
    private int _calls;

    public ConcurrentDictionary<FaultKind, int> Injected { get; } = new();

    public async Task HandleAsync(HttpContext ctx, RecordedRequest request)
    {
        var call = Interlocked.Increment(ref _calls);
        var stream = request.Json().RootElement.TryGetProperty("stream", out var s) && s.GetBoolean();
        if (call % every != 0)
        {
            await AnswerAsync(ctx, stream, "from flaky");
            return;
        }

        var fault = Cycle[((call / every) - 1) % Cycle.Length];
        Injected.AddOrUpdate(fault, 1, (_, n) => n + 1);
        switch (fault)
        {
            case FaultKind.Status500 or FaultKind.Status502 or FaultKind.Status503 or FaultKind.Status529:
                var status = fault switch { FaultKind.Status500 => 500, FaultKind.Status502 => 502, FaultKind.Status503 => 503, _ => 529 };
                await FakeUpstream.Json(ctx, status, OpenAIFakeResponses.Error("injected", "server_error"));
                break;
            case FaultKind.RateLimited:
                await FakeUpstream.Json(ctx, 429, OpenAIFakeResponses.Error("slow down", "rate_limit_error"), ("Retry-After", "1"));
                break;
            case FaultKind.TimeoutBeforeHeaders:
                await DelayAsync(TimeSpan.FromSeconds(3), ctx.RequestAborted);
                break;
            case FaultKind.ResetBeforeHeaders:
                await FakeUpstream.Reset(ctx);
                break;
            case FaultKind.ResetMidBody when stream:
                await FakeUpstream.Reset(ctx);
                break;
            case FaultKind.ResetMidBody:
                ctx.Response.StatusCode = 200;
                ctx.Response.ContentType = "application/json";
                await ctx.Response.WriteAsync("{\"id\":\"chatcmpl-cut\",\"object\":\"chat.comp");
                await ctx.Response.Body.FlushAsync();
                ctx.Abort();
                break;
            case FaultKind.Malformed when stream:
                await FakeUpstream.Sse(ctx, ["data: {\"id\":\"broken\",\"choices\":[{\"delta\":\n\n", "data: [DONE]\n\n"]);
                break;
            case FaultKind.Malformed:
                ctx.Response.StatusCode = 200;
                ctx.Response.ContentType = "application/json";
                await ctx.Response.WriteAsync("<html>502 Bad Gateway</html>");
                break;
            case FaultKind.SlowTrickle:
                await AnswerAsync(ctx, stream, "from flaky slowly", TimeSpan.FromMilliseconds(20));
                break;
        }
    }

    public static Task AnswerAsync(HttpContext ctx, bool stream, string text, TimeSpan? trickle = null) => stream
        ? FakeUpstream.Sse(ctx, OpenAIFakeResponses.Stream([text]), trickle)
        : FakeUpstream.Json(ctx, 200, OpenAIFakeResponses.Completion(text));

    private static async Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
