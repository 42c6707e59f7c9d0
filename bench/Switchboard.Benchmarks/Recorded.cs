using System.Globalization;
using System.Text;

namespace Switchboard.Benchmarks;

/// <summary>Recorded-shape wire data: a typical request and one 21-token answer streamed in each provider's format.</summary>
internal static class Recorded
{
    /// <summary>The 21 text fragments of the answer.</summary>
    public static readonly string[] Words =
    [
        "The", " quick", " brown", " fox", " jumps", " over", " the", " lazy", " dog", ",", " and",
        " the", " gateway", " relays", " every", " token", " without", " adding", " much", " delay", ".",
    ];

    /// <summary>A typical client Chat Completions body: a short multi-turn conversation with sampling options.</summary>
    public static readonly byte[] ChatRequest = Encoding.UTF8.GetBytes(
        """
        {"model":"bench","messages":[{"role":"system","content":"You are a concise assistant. Answer in one or two sentences and never invent facts."},{"role":"user","content":"What is the capital of France, and what river runs through it?"},{"role":"assistant","content":"Paris is the capital of France; the Seine runs through it."},{"role":"user","content":"Give me one sentence about its most famous tower, with the year it was finished."}],"temperature":0.7,"top_p":1,"max_tokens":256,"stream":true,"stream_options":{"include_usage":true},"user":"bench-user-42","metadata":{"team":"perf"}}
        """);

    private const string OpenAIPrefix = "{\"id\":\"chatcmpl-AbC123xyz\",\"object\":\"chat.completion.chunk\",\"created\":1732200000,\"model\":\"gpt-4o-mini-2024-07-18\",\"service_tier\":\"default\",\"system_fingerprint\":\"fp_0ba0d124f1\",\"choices\":";

    /// <summary>A typical OpenAI content chunk (the JSON of one <c>data:</c> event).</summary>
    public static readonly byte[] OpenAIContentChunk = Encoding.UTF8.GetBytes(
        OpenAIPrefix + "[{\"index\":0,\"delta\":{\"content\":\" jumps\"},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}");

    /// <summary>The OpenAI usage-only chunk that ends a stream with <c>include_usage</c>.</summary>
    public static readonly byte[] OpenAIUsageChunk = Encoding.UTF8.GetBytes(
        OpenAIPrefix + "[],\"usage\":{\"prompt_tokens\":58,\"completion_tokens\":21,\"total_tokens\":79,\"prompt_tokens_details\":{\"cached_tokens\":0,\"audio_tokens\":0},"
        + "\"completion_tokens_details\":{\"reasoning_tokens\":0,\"audio_tokens\":0,\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}}}");

    /// <summary>24 OpenAI <c>data:</c> events (role, 21 content, finish, usage) and <c>data: [DONE]</c>.</summary>
    public static readonly byte[] OpenAIStream = BuildOpenAI();

    public const int OpenAIStreamEvents = 25;

    /// <summary>An Anthropic Messages stream: message_start, block start, ping, 21 text deltas, block stop, message_delta, message_stop.</summary>
    public static readonly byte[] AnthropicStream = BuildAnthropic(out AnthropicEventList);

    /// <summary>The Anthropic events as (event name, data) pairs, for the IO-free translator benchmark.</summary>
    public static readonly (byte[] Name, byte[] Data)[] AnthropicEventList;

    public const int AnthropicStreamEvents = 27;

    /// <summary>A Gemini <c>alt=sse</c> stream: 21 responses with one text part each (CRLF line ends), the last with finishReason.</summary>
    public static readonly byte[] GeminiStream = BuildGemini();

    public const int GeminiStreamEvents = 21;

    private static byte[] BuildOpenAI()
    {
        var sb = new StringBuilder();
        void Event(string json) => sb.Append("data: ").Append(json).Append("\n\n");
        Event(OpenAIPrefix + "[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}");
        foreach (var word in Words)
        {
            Event(OpenAIPrefix + "[{\"index\":0,\"delta\":{\"content\":\"" + word + "\"},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}");
        }

        Event(OpenAIPrefix + "[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":null}");
        Event(Encoding.UTF8.GetString(OpenAIUsageChunk));
        Event("[DONE]");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    private static byte[] BuildAnthropic(out (byte[] Name, byte[] Data)[] list)
    {
        var events = new List<(string Name, string Data)>
        {
            ("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_01XFDUDYJgAACzvnptvVoYEL\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5-20250929\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":58,\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0,\"output_tokens\":1}}}"),
            ("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"),
            ("ping", "{\"type\": \"ping\"}"),
        };
        foreach (var word in Words)
        {
            events.Add(("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"" + word + "\"}}"));
        }

        events.Add(("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"));
        events.Add(("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":21}}"));
        events.Add(("message_stop", "{\"type\":\"message_stop\"}"));
        list = events.Select(e => (Encoding.UTF8.GetBytes(e.Name), Encoding.UTF8.GetBytes(e.Data))).ToArray();
        return Encoding.UTF8.GetBytes(string.Concat(events.Select(e => "event: " + e.Name + "\ndata: " + e.Data + "\n\n")));
    }

    private static byte[] BuildGemini()
    {
        var sb = new StringBuilder();
        for (var i = 0; i < Words.Length; i++)
        {
            var last = i == Words.Length - 1;
            var output = (i + 1).ToString(CultureInfo.InvariantCulture);
            sb.Append("data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"").Append(Words[i]).Append("\"}],\"role\": \"model\"}")
                .Append(last ? ",\"finishReason\": \"STOP\"" : "")
                .Append(",\"index\": 0}],\"usageMetadata\": {\"promptTokenCount\": 58,\"candidatesTokenCount\": ").Append(output)
                .Append(",\"totalTokenCount\": ").Append((58 + i + 1).ToString(CultureInfo.InvariantCulture))
                .Append(",\"promptTokensDetails\": [{\"modality\": \"TEXT\",\"tokenCount\": 58}]},\"modelVersion\": \"gemini-2.5-flash\",\"responseId\": \"o8BAaPz2LZ6rnvgP2p2x2Ac\"}\r\n\r\n");
        }

        return Encoding.UTF8.GetBytes(sb.ToString());
    }
}
