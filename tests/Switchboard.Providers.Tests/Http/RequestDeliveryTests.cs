using System.Text;
using Microsoft.AspNetCore.Http;
using Switchboard.Abstractions.Chat;
using Switchboard.Abstractions.Providers;
using Switchboard.Providers.Tests.OpenAI;
using Switchboard.Testing;

namespace Switchboard.Providers.Tests.Http;

/// <summary>
/// A connection lost after the upstream had the whole request leaves a chat call's outcome unknown (not retried); one
/// lost before (refused) may fail over; embeddings are idempotent and fail over either way.
/// </summary>
public sealed class RequestDeliveryTests : IAsyncLifetime
{
    private const string Chat = """{"model":"m","messages":[{"role":"user","content":"hi"}]}""";
    private CountedUpstream _upstream = null!;

    public async Task InitializeAsync() => _upstream = await CountedUpstream.StartAsync();

    public async Task DisposeAsync() => await _upstream.DisposeAsync();

    [Fact]
    public async Task CompleteAsync_ResetAfterTheRequestWasRead_IsAnUnknownOutcomeNotRetried()
    {
        _upstream.Fake.Handler = (ctx, _) => FakeUpstream.Reset(ctx);

        var result = await _upstream.Provider.CompleteAsync(ChatCall(), default);

        var error = result.Error!;
        Assert.Equal(UpstreamErrorKind.UnknownOutcome, error.Kind);
        Assert.Contains("may have processed it", error.Message, StringComparison.Ordinal);
        Assert.True(error.MayHaveProcessed);
        Assert.Single(_upstream.Fake.Requests);
    }

    [Fact]
    public async Task CompleteAsync_ResetHalfWayThroughTheAnswer_IsAnUnknownOutcome()
    {
        _upstream.Fake.Handler = async (ctx, _) =>
        {
            ctx.Response.ContentType = "application/json";
            await ctx.Response.WriteAsync("{\"id\":\"chatcmpl-cut\",\"object\":\"chat.comp");
            await ctx.Response.Body.FlushAsync();
            ctx.Abort();
        };

        var result = await _upstream.Provider.CompleteAsync(ChatCall(), default);

        Assert.Equal(UpstreamErrorKind.UnknownOutcome, result.Error!.Kind);
    }

    [Fact]
    public async Task StreamAsync_ResetBeforeTheHeaders_IsAnUnknownOutcome()
    {
        _upstream.Fake.Handler = (ctx, _) => FakeUpstream.Reset(ctx);

        var result = await _upstream.Provider.StreamAsync(ChatCall(stream: true), default);

        Assert.Equal(UpstreamErrorKind.UnknownOutcome, result.Error!.Kind);
    }

    [Fact]
    public async Task CompleteAsync_ConnectionRefused_IsAConnectionFailureThatMayFailOver()
    {
        await _upstream.Fake.StopAsync();

        var result = await _upstream.Provider.CompleteAsync(ChatCall(), default);

        Assert.Equal(UpstreamErrorKind.Connection, result.Error!.Kind);
        Assert.Contains("refused the connection", result.Error.Message, StringComparison.Ordinal);
        Assert.False(result.Error.MayHaveProcessed);
    }

    [Fact]
    public async Task EmbedAsync_ResetAfterTheRequestWasRead_IsAConnectionFailureThatMayFailOver()
    {
        _upstream.Fake.Handler = (ctx, _) => FakeUpstream.Reset(ctx);
        var chat = ChatCall();

        var result = await _upstream.Provider.EmbedAsync(new EmbeddingCall { Body = Encoding.UTF8.GetBytes("""{"model":"e","input":"hi"}"""), Target = chat.Target, Timeouts = chat.Timeouts }, default);

        Assert.Equal(UpstreamErrorKind.Connection, result.Error!.Kind);
        Assert.False(result.Error.MayHaveProcessed);
    }

    private UpstreamChatCall ChatCall(bool stream = false) =>
        OpenAITestKit.Call(stream ? Chat.Replace("\"m\",", "\"m\",\"stream\":true,", StringComparison.Ordinal) : Chat, OpenAITestKit.Endpoint(_upstream.Fake.BaseUrl));
}
