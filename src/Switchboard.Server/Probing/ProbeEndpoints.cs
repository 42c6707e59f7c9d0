using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using Switchboard.Core.Caching;
using Switchboard.Core.Errors;
using Switchboard.Core.Pipeline;
using Switchboard.Core.Requests;
using Switchboard.Providers.Probing;
using Switchboard.Server.Admin;
using Switchboard.Server.Auth;
using Switchboard.Server.Http;
using Switchboard.Server.OpenAI;

namespace Switchboard.Server.Probing;

/// <summary>Serves the probe (list a base URL's models, behind the SSRF guard) and the model test (one tiny prompt through the normal pipeline).</summary>
internal static class ProbeEndpoints
{
    private const string TestPrompt = "Reply with the single word: pong";

    public static IEndpointRouteBuilder MapProbeEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/ai").WithTags("Probe and test");
        group.MapPost("/probe", ProbeAsync).WithSummary("Lists the models of an OpenAI-compatible base URL with a key; loopback, private and metadata addresses are refused.");
        group.MapPost("/model-test", TestAsync).WithSummary("Sends one tiny prompt to a model the caller may use and reports success, latency and the reply.");
        return routes;
    }

    private static async Task<IResult> ProbeAsync(HttpContext context, ModelProbe probe, CancellationToken cancellationToken)
    {
        var (request, _, error) = await JsonRequest.ReadAsync<ProbeRequest>(context);
        if (error is not null)
        {
            return AdminResults.Error(error);
        }

        if (string.IsNullOrWhiteSpace(request!.BaseUrl))
        {
            return AdminResults.Error(GatewayErrors.InvalidRequest("'base_url' is required.", "base_url", "missing_field"));
        }

        var result = await probe.ProbeAsync(request.BaseUrl, request.ApiKey, cancellationToken);
        return TypedResults.Ok(new ProbeResponse(result.Succeeded, result.ModelIds, result.UpstreamStatus, result.Error, Math.Round(result.LatencyMs, 1)));
    }

    private static async Task<IResult> TestAsync(HttpContext context, ChatPipeline pipeline, TimeProvider time, CancellationToken cancellationToken)
    {
        var (request, _, error) = await JsonRequest.ReadAsync<ModelTestRequest>(context);
        if (error is not null)
        {
            return AdminResults.Error(error);
        }

        if (string.IsNullOrWhiteSpace(request!.Model))
        {
            return AdminResults.Error(GatewayErrors.InvalidRequest("'model' is required.", "model", "missing_field"));
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(new TestBody(request.Model, [new TestMessage("user", TestPrompt)], 16), ServerJsonContext.Default.TestBody);
        var (chat, parseError) = ChatRequestParser.Parse(body);
        if (parseError is not null)
        {
            return AdminResults.Error(parseError);
        }

        var started = Stopwatch.GetTimestamp();
        // A model test is about the upstream: it never takes (or leaves) an answer in the response cache.
        var outcome = await pipeline.CompleteAsync(ChatCompletionsEndpoint.NewContext(context, time, cache: CacheRequest.Bypass), chat!, cancellationToken);
        var latency = Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 1);
        if (outcome.Error is { } failure)
        {
            return TypedResults.Ok(new ModelTestResponse(false, request.Model, latency, null, failure.Message, failure.Code, outcome.Route.Source));
        }

        return TypedResults.Ok(new ModelTestResponse(true, request.Model, latency, ReplyText(outcome.Completion!.Json), null, null, outcome.Route.Source));
    }

    private static string? ReplyText(ReadOnlyMemory<byte> json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.TryGetProperty("choices", out var choices) && choices.ValueKind == JsonValueKind.Array && choices.GetArrayLength() > 0
            && choices[0].TryGetProperty("message", out var message) && message.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String
            ? content.GetString()
            : null;
    }

    internal sealed record ProbeRequest([property: JsonPropertyName("base_url")] string? BaseUrl, [property: JsonPropertyName("api_key")] string? ApiKey);

    internal sealed record ProbeResponse(
        [property: JsonPropertyName("success")] bool Success,
        [property: JsonPropertyName("models")] IReadOnlyList<string> Models,
        [property: JsonPropertyName("upstream_status")] int? UpstreamStatus,
        [property: JsonPropertyName("error")] string? Error,
        [property: JsonPropertyName("latency_ms")] double LatencyMs);

    internal sealed record ModelTestRequest([property: JsonPropertyName("model")] string? Model);

    internal sealed record ModelTestResponse(
        [property: JsonPropertyName("success")] bool Success,
        [property: JsonPropertyName("model")] string Model,
        [property: JsonPropertyName("latency_ms")] double LatencyMs,
        [property: JsonPropertyName("reply")] string? Reply,
        [property: JsonPropertyName("error")] string? Error,
        [property: JsonPropertyName("code")] string? Code,
        [property: JsonPropertyName("source")] string? Source);

    internal sealed record TestBody(
        [property: JsonPropertyName("model")] string Model,
        [property: JsonPropertyName("messages")] TestMessage[] Messages,
        [property: JsonPropertyName("max_tokens")] int MaxTokens);

    internal sealed record TestMessage([property: JsonPropertyName("role")] string Role, [property: JsonPropertyName("content")] string Content);
}
