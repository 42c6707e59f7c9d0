using System.Text.Json;
using Switchboard.Abstractions.Chat;
using Switchboard.Abstractions.Providers;
using Switchboard.Abstractions.Usage;
using Switchboard.Providers.Embeddings;
using Switchboard.Providers.Http;

namespace Switchboard.Providers.OpenAI;

/// <summary>Speaks the OpenAI Chat Completions and Embeddings wire format (and, passed through, Responses) to any URL with any key header.</summary>
/// <remarks>Shared by the <c>openai</c> kind (and every preset) and by <c>azure-openai</c>, which differ only in URL and header.</remarks>
internal sealed class OpenAIWire(UpstreamHttpClients clients)
{
    /// <summary>Returns whether <paramref name="call"/> is a Responses client's request for an endpoint that serves the Responses API itself.</summary>
    public static bool IsNativeResponses(UpstreamChatCall call, OpenAIWireOptions options) =>
        options.NativeResponses && call.Request.Native is { Protocol: ClientProtocols.OpenAIResponses };

    public async ValueTask<UpstreamResult<ChatCompletion>> CompleteAsync(UpstreamChatCall call, Uri url, OpenAIWireOptions options, CancellationToken cancellationToken)
    {
        var platform = call.Target.Endpoint.PlatformName;
        var native = IsNativeResponses(call, options);
        using var body = new PooledBufferWriter(call.Request.Body.Length + 256);
        WriteBody(body, call, options, native, stream: false);
        using var request = CreateRequest(url, call.Target, options, body);
        var (response, error) = await UpstreamSender.SendAsync(clients.For(call.Target.Endpoint, url), request, platform, call.Timeouts.FirstByte, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        using (response)
        {
            var (json, readError) = await UpstreamSender.ReadBodyAsync(response!, platform, call.Timeouts.Body, call.Limits.MaxResponseBytes, idempotent: false, cancellationToken).ConfigureAwait(false);
            if (readError is not null)
            {
                return readError;
            }

            return native ? ToResponsesCompletion(json!, platform) : ToCompletion(json!, platform);
        }
    }

    public async ValueTask<UpstreamResult<IChatStream>> StreamAsync(UpstreamChatCall call, Uri url, OpenAIWireOptions options, CancellationToken cancellationToken)
    {
        var platform = call.Target.Endpoint.PlatformName;
        var native = IsNativeResponses(call, options);
        var body = new PooledBufferWriter(call.Request.Body.Length + 256);
        try
        {
            WriteBody(body, call, options, native, stream: true);
            var request = CreateRequest(url, call.Target, options, body);
            var (response, error) = await UpstreamSender.SendAsync(clients.For(call.Target.Endpoint, url), request, platform, call.Timeouts.FirstByte, cancellationToken).ConfigureAwait(false);
            if (error is not null)
            {
                request.Dispose();
                body.Dispose();
                return error;
            }

            if (response!.Content.Headers.ContentType?.MediaType is { } mediaType && mediaType.Contains("json", StringComparison.OrdinalIgnoreCase))
            {
                // Some upstreams answer a stream request with a plain JSON error and status 200.
                using (response)
                {
                    var (json, readError) = await UpstreamSender.ReadBodyAsync(response, platform, call.Timeouts.Body, call.Limits.MaxResponseBytes, idempotent: false, cancellationToken).ConfigureAwait(false);
                    request.Dispose();
                    body.Dispose();
                    if (readError is not null)
                    {
                        return readError;
                    }

                    var (message, code, _) = UpstreamErrorFactory.ReadBody(json);
                    return new UpstreamError(UpstreamErrorKind.MalformedResponse, message ?? $"Upstream '{platform}' answered a stream request with JSON.") { UpstreamCode = code, UpstreamStatus = 200 };
                }
            }

            IChatStream stream = native
                ? await OpenAIResponsesStream.OpenAsync(response, call, new CompositeDisposable(request, body), cancellationToken).ConfigureAwait(false)
                : await OpenAIChatStream.OpenAsync(response, call, new CompositeDisposable(request, body), cancellationToken).ConfigureAwait(false);
            return UpstreamResult<IChatStream>.Success(stream);
        }
        catch
        {
            body.Dispose();
            throw;
        }
    }

    public async ValueTask<UpstreamResult<EmbeddingResult>> EmbedAsync(EmbeddingCall call, Uri url, OpenAIWireOptions options, CancellationToken cancellationToken)
    {
        var platform = call.Target.Endpoint.PlatformName;
        using var body = new PooledBufferWriter(call.Body.Length + 128);
        OpenAIRequestWriter.Write(body, call.Body.Span, call.Target, options with { MaxTokensField = null }, stream: false);
        using var request = CreateRequest(url, call.Target, options, body);
        var (response, error) = await UpstreamSender.SendAsync(clients.For(call.Target.Endpoint, url), request, platform, call.Timeouts.FirstByte, cancellationToken, idempotent: true).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        using (response)
        {
            var (json, readError) = await UpstreamSender.ReadBodyAsync(response!, platform, call.Timeouts.Body, call.Limits.MaxResponseBytes, idempotent: true, cancellationToken).ConfigureAwait(false);
            if (readError is not null)
            {
                return readError;
            }

            if (!OpenAIChunkScanner.TryScan(json!, captureIdentity: false, out var scan) || scan.HasError)
            {
                return UpstreamErrorFactory.Malformed(platform, "the embeddings response is not a JSON object");
            }

            var usage = scan.Usage ?? default;
            var answer = json!;
            if (EmbeddingEncoding.AsksBase64(call.Body.Span))
            {
                // Some OpenAI-compatible servers ignore encoding_format and send floats, which a client expecting base64 decodes as zeros.
                try
                {
                    answer = EmbeddingEncoding.ToBase64Answer(answer);
                }
                catch (Exception e) when (e is JsonException or FormatException)
                {
                    return UpstreamErrorFactory.Malformed(platform, "the embeddings response holds a vector that is not float32 numbers");
                }
            }

            return new EmbeddingResult { Json = answer, Usage = usage, UsageSource = scan.Usage is null ? UsageSource.None : UsageSource.Reported };
        }
    }

    public async ValueTask<UpstreamResult<ModelListResult>> ListModelsAsync(UpstreamTarget target, Uri url, OpenAIWireOptions options, UpstreamTimeouts timeouts, CancellationToken cancellationToken)
    {
        var platform = target.Endpoint.PlatformName;
        using var request = CreateRequest(url, target, options, body: null);
        request.Method = HttpMethod.Get;
        var (response, error) = await UpstreamSender.SendAsync(clients.For(target.Endpoint, url), request, platform, timeouts.FirstByte, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        using (response)
        {
            var (json, readError) = await UpstreamSender.ReadModelListAsync(response!, platform, timeouts, cancellationToken).ConfigureAwait(false);
            if (readError is not null)
            {
                return readError;
            }

            try
            {
                using var doc = JsonDocument.Parse(json!);
                if (!doc.RootElement.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
                {
                    return UpstreamErrorFactory.Malformed(platform, "the model list has no data array");
                }

                var models = new List<UpstreamModelInfo>();
                foreach (var item in data.EnumerateArray())
                {
                    if (item.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String)
                    {
                        int? context = item.TryGetProperty("context_length", out var c) && c.TryGetInt32(out var cv) ? cv : null;
                        models.Add(new UpstreamModelInfo(id.GetString()!, ContextWindow: context));
                    }
                }

                return new ModelListResult { Models = models };
            }
            catch (JsonException)
            {
                return UpstreamErrorFactory.Malformed(platform, "the model list is not JSON");
            }
        }
    }

    private static void WriteBody(PooledBufferWriter body, UpstreamChatCall call, OpenAIWireOptions options, bool native, bool stream)
    {
        if (native)
        {
            NativeBodyWriter.Write(body, call.Request.Native!.Body.Span, call.Target.UpstreamModel, stream);
        }
        else
        {
            OpenAIRequestWriter.Write(body, call.Request.Body.Span, call.Target, options, stream);
        }
    }

    /// <summary>Turns a Responses API answer into a completion the Responses client gets unchanged, reading its usage and finish.</summary>
    private static UpstreamResult<ChatCompletion> ToResponsesCompletion(byte[] json, string platform)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("output", out _))
            {
                return UpstreamErrorFactory.Malformed(platform, "the response has no output");
            }

            var usage = OpenAIResponsesUsage.Read(root);
            return new ChatCompletion
            {
                Json = json,
                NativeProtocol = ClientProtocols.OpenAIResponses,
                Usage = usage ?? default,
                UsageSource = usage is null ? UsageSource.None : UsageSource.Reported,
                FinishReason = OpenAIResponsesUsage.FinishReason(root),
            };
        }
        catch (JsonException)
        {
            return UpstreamErrorFactory.Malformed(platform, "the response is not JSON");
        }
    }

    private static HttpRequestMessage CreateRequest(Uri url, UpstreamTarget target, OpenAIWireOptions options, PooledBufferWriter? body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url);
        if (body is not null)
        {
            request.Content = RequestBodyContent.Json(body);
        }

        if (!string.IsNullOrEmpty(target.ApiKey))
        {
            var value = options.AuthScheme.Length == 0 ? target.ApiKey : $"{options.AuthScheme} {target.ApiKey}";
            request.Headers.TryAddWithoutValidation(options.AuthHeader, value);
        }

        foreach (var (name, value) in target.Endpoint.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }

    /// <summary>Turns a success body into a completion, scanning usage and normalising quirks.</summary>
    internal static UpstreamResult<ChatCompletion> ToCompletion(byte[] json, string platform)
    {
        // DeepSeek sends blank lines as keep-alives before the JSON body of a slow answer.
        var span = json.AsSpan();
        var start = 0;
        while (start < span.Length && span[start] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t')
        {
            start++;
        }

        var trimmed = json.AsMemory(start);
        if (!OpenAIChunkScanner.TryScan(trimmed.Span, captureIdentity: false, out var scan))
        {
            return UpstreamErrorFactory.Malformed(platform, "the body is not a JSON object");
        }

        if (scan.HasError)
        {
            var (message, code, param) = UpstreamErrorFactory.ReadBody(trimmed.Span);
            return new UpstreamError(UpstreamErrorKind.ServerError, message ?? $"Upstream '{platform}' returned an error.") { UpstreamCode = code, Param = param, UpstreamStatus = 200 };
        }

        if (!scan.HasChoices)
        {
            return UpstreamErrorFactory.Malformed(platform, "the completion has no choices");
        }

        var output = scan.UsesReasoningField ? ReasoningFieldRenamer.Rename(trimmed.Span) : trimmed;
        return new ChatCompletion
        {
            Json = output,
            Usage = scan.Usage ?? default,
            UsageSource = scan.Usage is null ? UsageSource.None : UsageSource.Reported,
            FinishReason = scan.FinishReason,
        };
    }

}
