using System.Text.Json;

namespace Switchboard.Server.Tests.Infrastructure;

/// <summary>Builds OpenAI Chat Completions wire responses for fake upstreams.</summary>
public static class OpenAIFakeResponses
{
    public static string Completion(string content, string finish = "stop", int prompt = 11, int completion = 7, object? toolCalls = null) =>
        JsonSerializer.Serialize(new
        {
            id = "chatcmpl-fake1",
            @object = "chat.completion",
            created = 1767225600,
            model = "gpt-4o-mini-2024-07-18",
            choices = new[]
            {
                new
                {
                    index = 0,
                    message = new { role = "assistant", content = toolCalls is null ? content : null, tool_calls = toolCalls },
                    finish_reason = finish,
                },
            },
            usage = new { prompt_tokens = prompt, completion_tokens = completion, total_tokens = prompt + completion, prompt_tokens_details = new { cached_tokens = 3 } },
        });

    public static IEnumerable<string> Stream(string[] pieces, int prompt = 11, int completion = 7)
    {
        const string head = "\"id\":\"chatcmpl-fake2\",\"object\":\"chat.completion.chunk\",\"created\":1767225600,\"model\":\"gpt-4o-mini\"";
        yield return "data: {" + head + ",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}],\"usage\":null}\n\n";
        yield return ": keep-alive\n\n";
        foreach (var piece in pieces)
        {
            yield return "data: {" + head + ",\"choices\":[{\"index\":0,\"delta\":{\"content\":" + JsonSerializer.Serialize(piece) + "},\"finish_reason\":null}],\"usage\":null}\n\n";
        }

        yield return "data: {" + head + ",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],\"usage\":null}\n\n";
        yield return "data: {" + head + ",\"choices\":[],\"usage\":{\"prompt_tokens\":" + prompt + ",\"completion_tokens\":" + completion + ",\"total_tokens\":" + (prompt + completion) + "}}\n\n";
        yield return "data: [DONE]\n\n";
    }

    public static string Error(string message, string type = "invalid_request_error", string? code = null) =>
        JsonSerializer.Serialize(new { error = new { message, type, param = (string?)null, code } });
}
