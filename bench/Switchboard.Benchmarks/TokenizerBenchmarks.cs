using System.IO.Compression;
using System.Reflection;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.ML.Tokenizers;
using Switchboard.Core.Tokenization;

namespace Switchboard.Benchmarks;

/// <summary>The local tiktoken tokenizer: counting and encoding 10 KB of English or Chinese text, and loading a rank file.</summary>
/// <remarks>
/// Tokens per second = the token count printed by the setup divided by the median. <c>LoadRankFile</c> inflates and
/// parses the data package's rank file into a fresh library tokenizer, which is what the first use of an encoding
/// costs (it does not depend on the text; it is repeated per text only because the parameters are shared).
/// </remarks>
public class TokenizerBenchmarks
{
    internal const string English =
        "The gateway accepts OpenAI-compatible chat requests, resolves the requested model to one or more upstream " +
        "sources, and forwards each call to the first healthy key in the pool. When an upstream answers with a rate " +
        "limit or a server error, the request fails over to the next source without the client noticing, as long as " +
        "no bytes have been streamed yet. Usage is recorded per request: prompt and completion tokens, cached input, " +
        "latency to the first byte and the total duration. Providers that do not report usage (or streams that are " +
        "interrupted) are estimated locally, which is why the tokenizer must be both exact and fast. In 2024 the " +
        "median request carried 1,842 prompt tokens; the 99th percentile was 31,207. Operators can't always predict " +
        "that, so they'll want budgets enforced before the request leaves the building. Configuration lives in YAML " +
        "and is hot-reloaded; secrets are encrypted at rest with a master key derived from the environment.\n\n";

    internal const string Chinese =
        "网关接收兼容 OpenAI 的聊天请求，将请求的模型解析为一个或多个上游来源，并把每次调用转发给密钥池中第一个健康的密钥。" +
        "当上游返回限流或服务器错误时，只要尚未向客户端发送任何字节，请求就会自动切换到下一个来源，客户端不会察觉。" +
        "每个请求都会记录用量：提示词和补全的令牌数、缓存命中的输入、首字节延迟以及总耗时。对于不报告用量的服务商，" +
        "或者被中断的流式响应，网关会在本地估算令牌数，因此分词器既要准确又要快速。运维人员可以为每个用户设置预算，" +
        "在请求发出之前就进行检查。配置文件使用 YAML 格式并支持热更新，密钥在存储时使用主密钥加密。\n\n";

    private string _text = "";

    [Params("cl100k_base", "o200k_base")]
    public string Encoding { get; set; } = "cl100k_base";

    [Params("English 10 KB", "Chinese 10 KB")]
    public string Text { get; set; } = "English 10 KB";

    private TiktokenEncoding Tokenizer => TiktokenEncoding.FromName(Encoding)!;

    [GlobalSetup]
    public void Setup()
    {
        _text = Repeat(Text.StartsWith("English", StringComparison.Ordinal) ? English : Chinese, 10 * 1024);
        Console.WriteLine($"// {Encoding} / {Text}: {_text.Length} chars, {System.Text.Encoding.UTF8.GetByteCount(_text)} UTF-8 bytes, {Tokenizer.CountTokens(_text)} tokens");
    }

    [Benchmark(Description = "CountTokens")]
    public int CountTokens() => Tokenizer.CountTokens(_text);

    [Benchmark(Description = "Encode")]
    public int Encode() => Tokenizer.Encode(_text).Length;

    [Benchmark(Description = "LoadRankFile (first use)")]
    public int LoadRankFile()
    {
        // What the first use of an encoding costs: the library's data package inflated and parsed into a new tokenizer
        // (TiktokenTokenizer.CreateForEncoding would answer from the library's static cache after the first call).
        var package = Encoding == "cl100k_base" ? "Microsoft.ML.Tokenizers.Data.Cl100kBase" : "Microsoft.ML.Tokenizers.Data.O200kBase";
        using var stream = new DeflateStream(Assembly.Load(package).GetManifestResourceStream(Encoding + ".tiktoken.deflate")!, CompressionMode.Decompress);
        return TiktokenTokenizer.Create(stream, preTokenizer: null, normalizer: null).CountTokens("hello world");
    }

    /// <summary>Repeats a paragraph until the UTF-8 size reaches <paramref name="bytes"/>, cut at a character boundary.</summary>
    internal static string Repeat(string paragraph, int bytes)
    {
        var builder = new StringBuilder();
        var size = 0;
        while (true)
        {
            foreach (var rune in paragraph.EnumerateRunes())
            {
                size += rune.Utf8SequenceLength;
                if (size > bytes)
                {
                    return builder.ToString();
                }

                builder.Append(rune.ToString());
            }
        }
    }
}
