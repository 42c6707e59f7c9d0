using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Switchboard.Abstractions.Idempotency;
using Switchboard.Core.Errors;
using Switchboard.Core.Pipeline;
using Switchboard.Server.Auth;
using Switchboard.Server.Http;
using Switchboard.Server.OpenAI;

namespace Switchboard.Server.Idempotency;

/// <summary>Runs a non-streaming request that carries <c>Idempotency-Key</c> at most once per caller and key, and replays its final answer to repeats.</summary>
/// <remarks>
/// <para>
/// Only endpoints marked <see cref="IdempotentEndpoint"/> take part, and a request without the header costs one header lookup.
/// With it: the key is checked, the body is read without consuming it (the endpoint reads it again) and hashed with the route,
/// and the key is claimed in the shared store. The winner runs the endpoint with its answer copied; a final answer is stored, any
/// other is released so the client can retry. A repeat of a stored answer gets it back with <c>Idempotent-Replayed: true</c>,
/// without calling upstream, reserving limits or writing a usage record. A stream request ignores the key.
/// </para>
/// <para>Must run after authentication: keys are scoped by the caller's user and virtual key.</para>
/// </remarks>
internal sealed partial class IdempotencyMiddleware(
    RequestDelegate next,
    IIdempotencyStore store,
    ChatPipeline pipeline,
    IOptions<IdempotencyOptions> options,
    IOptions<GatewayOptions> gateway,
    TimeProvider time,
    ILogger<IdempotencyMiddleware> logger)
{
    private readonly IdempotencyOptions _options = options.Value;
    private readonly GatewayOptions _gateway = gateway.Value;

    public Task InvokeAsync(HttpContext context) =>
        context.Request.Headers.ContainsKey(IdempotencyRules.HeaderName) && context.GetEndpoint()?.Metadata.GetMetadata<IdempotentEndpoint>() is { } endpoint
            ? RunAsync(context, endpoint)
            : next(context);

    private async Task RunAsync(HttpContext context, IdempotentEndpoint endpoint)
    {
        var values = context.Request.Headers[IdempotencyRules.HeaderName];
        if (values.Count != 1 || values[0] is not { } key || !IdempotencyRules.IsValidKey(key))
        {
            await RejectAsync(context, endpoint, IdempotencyErrors.InvalidKey());
            return;
        }

        var (body, unreadable) = await RequestBodyReader.PeekAsync(context, _gateway.MaxRequestBodyBytes);
        var hash = unreadable is null && !IdempotencyRules.IsStream(body) ? IdempotencyRules.Hash(context.Request.Path.Value ?? string.Empty, body) : null;
        if (unreadable is null)
        {
            // Nothing is consumed: the endpoint reads the same bytes again.
            context.Request.BodyReader.AdvanceTo(body.Start, body.End);
        }

        if (hash is null)
        {
            // Too large or unreadable (the endpoint answers 413 or 400), or a stream, which cannot be replayed: the key plays no part.
            await next(context);
            return;
        }

        var caller = GatewayAuthMiddleware.GetCaller(context);
        var scope = string.Create(CultureInfo.InvariantCulture, $"{caller.VirtualKeyId?.ToString(CultureInfo.InvariantCulture) ?? "-"}:{caller.UserId}");
        var now = time.GetUtcNow();
        var token = Guid.NewGuid().ToString("N");
        var request = new IdempotencyClaimRequest(scope, key, hash, token, now, now + InFlightTimeout(), now + _options.Retention);
        IdempotencyClaim claim;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
            timeout.CancelAfter(_options.StoreTimeout);
            claim = await store.ClaimAsync(request, timeout.Token);
        }
#pragma warning disable CA1031 // Any store failure (timeout, lock, connection) means the key cannot be honoured: nothing runs and the client may retry.
        catch (Exception ex) when (!context.RequestAborted.IsCancellationRequested)
#pragma warning restore CA1031
        {
            LogStoreFailed(logger, "claim", ex.GetType().Name, ex.Message);
            await RejectAsync(context, endpoint, IdempotencyErrors.Unavailable());
            return;
        }

        switch (claim.Outcome)
        {
            case IdempotencyOutcome.Claimed:
                await RunClaimedAsync(context, scope, key, token);
                return;
            case IdempotencyOutcome.Replay when claim.Response is { Body: { } stored } response:
                await ReplayAsync(context, response, stored);
                return;
            case IdempotencyOutcome.Replay:
                await RejectAsync(context, endpoint, IdempotencyErrors.NotStored(claim.Response!.StatusCode));
                return;
            case IdempotencyOutcome.InProgress:
                await RejectAsync(context, endpoint, IdempotencyErrors.InProgress());
                return;
            default:
                await RejectAsync(context, endpoint, IdempotencyErrors.KeyReused());
                return;
        }
    }

    private async Task RunClaimedAsync(HttpContext context, string scope, string key, string token)
    {
        var original = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        using var capture = new ResponseCapture(original, _options.MaxStoredBodyBytes);
        context.Features.Set<IHttpResponseBodyFeature>(capture);
        var faulted = true;
        try
        {
            await next(context);
            faulted = false;
        }
        finally
        {
            context.Features.Set(original);
            await SettleAsync(context.Response, capture, faulted, scope, key, token);

            // Only now does the client get the body: whoever has the whole answer finds it stored when it repeats.
            await capture.SendHeldAsync(context.RequestAborted);
        }
    }

    /// <summary>Stores a final, complete answer, or releases the claim so the client can retry.</summary>
    private async Task SettleAsync(HttpResponse response, ResponseCapture capture, bool faulted, string scope, string key, string token)
    {
        var complete = response.ContentLength is { } length ? capture.Written == length : !faulted;
        var isStream = response.ContentType?.StartsWith("text/event-stream", StringComparison.OrdinalIgnoreCase) == true;
        using var timeout = new CancellationTokenSource(_options.StoreTimeout);
        try
        {
            if (complete && !isStream && IdempotencyRules.IsFinal(response.StatusCode))
            {
                var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                foreach (var name in IdempotencyRules.ReplayedHeaders)
                {
                    if (response.Headers[name].ToString() is { Length: > 0 } value)
                    {
                        headers[name] = value;
                    }
                }

                await store.CompleteAsync(scope, key, token, new IdempotentResponse(response.StatusCode, headers, capture.ToArray()), timeout.Token);
            }
            else
            {
                await store.ReleaseAsync(scope, key, token, timeout.Token);
            }
        }
#pragma warning disable CA1031 // The answer is already sent; a claim left behind blocks repeats only until its in-flight bound, so this is logged, never thrown.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogStoreFailed(logger, "settle", ex.GetType().Name, ex.Message);
        }
    }

    private static async Task ReplayAsync(HttpContext context, IdempotentResponse stored, byte[] body)
    {
        var response = context.Response;
        response.StatusCode = stored.StatusCode;
        foreach (var (name, value) in stored.Headers)
        {
            response.Headers[name] = value;
        }

        response.Headers[IdempotencyRules.ReplayedHeader] = "true";
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, context.RequestAborted);
    }

    /// <summary>Answers an error before the endpoint runs, recording it as the endpoint records its own rejections.</summary>
    private async Task RejectAsync(HttpContext context, IdempotentEndpoint endpoint, GatewayError error)
    {
        var gatewayContext = ChatCompletionsEndpoint.NewContext(context, time, ClientProtocolRoutes.Of(context));
        pipeline.RecordRejected(gatewayContext, null, endpoint.Endpoint, error);
        await ErrorResponses.WriteAsync(context, error);
    }

    /// <summary>Gets how long a claim stays in flight: the setting, or the longest a request can run (its attempt deadline plus the total timeout).</summary>
    private TimeSpan InFlightTimeout() => _options.InFlightTimeout ?? _gateway.AttemptDeadline + _gateway.TotalTimeout;

    [LoggerMessage(Level = LogLevel.Warning, Message = "The idempotency key store failed to {Operation} ({ExceptionType}: {Reason}).")]
    private static partial void LogStoreFailed(ILogger logger, string operation, string exceptionType, string reason);
}
