using System.Buffers;
using Switchboard.Abstractions.Chat;
using Switchboard.Core.Answers;
using Switchboard.Core.Errors;
using Switchboard.Core.Pipeline;
using Switchboard.Core.Requests;
using Switchboard.Server.Http;
using Switchboard.Server.OpenAI;

namespace Switchboard.Server.Anthropic;

/// <summary>Serves <c>POST /v1/messages</c> (Anthropic Messages), streamed and not, on the shared chat pipeline.</summary>
/// <remarks>
/// The body is translated once into the canonical OpenAI Chat body, which every check and limit of chat completions then
/// applies to; the client's own body rides along as <see cref="ChatCompletionRequest.Native"/> so an Anthropic upstream
/// receives it unchanged but for the model name.
/// </remarks>
internal static class MessagesEndpoint
{
    /// <summary>The longest <c>anthropic-beta</c> value forwarded; today's whole beta list is a few hundred characters.</summary>
    public const int MaxBetaHeaderLength = 2048;

    public static async Task HandleAsync(HttpContext context, ChatPipeline pipeline, GatewayOptions options, TimeProvider time)
    {
        var gateway = ChatCompletionsEndpoint.NewContext(context, time, ClientProtocols.AnthropicMessages);
        string? model = null;
        try
        {
            var (request, body, error) = await ReadAsync(context, options);
            if (error is not null)
            {
                pipeline.RecordRejected(gateway, null, "chat", error);
                await ErrorResponses.WriteAsync(context, error);
                return;
            }

            using (body)
            {
                model = request!.Model;
                if (request.Stream)
                {
                    var writer = new MessagesStreamWriter(AnthropicWire.MessageId(gateway.RequestId), request.Model);
                    await ChatStreamRelay.SendAsync(context, pipeline.OpenStreamAsync(gateway, request, writer, context.RequestAborted), writer, "text/event-stream");
                }
                else
                {
                    await CompleteAsync(context, pipeline, gateway, request);
                }
            }
        }
        finally
        {
            pipeline.EnsureRecorded(gateway, model, "chat", context.RequestAborted.IsCancellationRequested);
        }
    }

    /// <summary>Reads the body and translates it into the canonical request carrying the native one; the caller disposes the body.</summary>
    /// <remarks><paramref name="requireMaxTokens"/> is false for <c>count_tokens</c>, whose body has no <c>max_tokens</c>.</remarks>
    internal static async Task<(ChatCompletionRequest? Request, PooledBody? Body, GatewayError? Error)> ReadAsync(HttpContext context, GatewayOptions options, bool requireMaxTokens = true)
    {
        var beta = context.Request.Headers["anthropic-beta"].ToString();
        if (beta.Length > MaxBetaHeaderLength)
        {
            return (null, null, GatewayErrors.InvalidRequest($"anthropic-beta: the header is longer than {MaxBetaHeaderLength} characters.", "anthropic-beta"));
        }

        var (body, readError) = await RequestBodyReader.ReadJsonAsync(context, options.MaxRequestBodyBytes);
        if (readError is not null)
        {
            return (null, null, readError);
        }

        var canonical = new ArrayBufferWriter<byte>(body!.Length + 256);
        var error = MessagesRequestTranslator.Translate(body.Memory, canonical, requireMaxTokens);
        var native = new NativeRequest
        {
            Protocol = ClientProtocols.AnthropicMessages,
            Body = body.Memory,
            Headers = beta.Length == 0 ? [] : [new KeyValuePair<string, string>("anthropic-beta", beta)],
        };
        var (request, parseError) = error is null ? ChatRequestParser.Parse(canonical.WrittenMemory, native) : (null, error);
        if (parseError is not null)
        {
            body.Dispose();
            return (null, null, parseError);
        }

        return (request, body, null);
    }

    private static async Task CompleteAsync(HttpContext context, ChatPipeline pipeline, GatewayRequestContext gateway, ChatCompletionRequest request)
    {
        if (await ChatAnswerRelay.CompletionOrErrorAsync(context, await pipeline.CompleteAsync(gateway, request, context.RequestAborted)) is not { } completion)
        {
            return;
        }

        ReadOnlyMemory<byte> json;
        if (completion.NativeProtocol == ClientProtocols.AnthropicMessages)
        {
            json = completion.Json;
        }
        else
        {
            var message = new ArrayBufferWriter<byte>(completion.Json.Length + 256);
            MessagesAnswerWriter.Write(message, ChatAnswer.Read(completion.Json), completion.Usage, AnthropicWire.MessageId(gateway.RequestId), request.Model);
            json = message.WrittenMemory;
        }

        await ChatAnswerRelay.WriteJsonAsync(context, json);
    }
}
