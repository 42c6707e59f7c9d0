using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Switchboard.Core.Tokenization;

namespace Switchboard.Benchmarks;

/// <summary>The prompt estimate of a typical 9 KB chat request: a 2 KB system prompt, three tools, five earlier turns and a new question.</summary>
/// <remarks>
/// <c>first sight</c> walks and counts every string (what a request whose strings the estimator has not seen costs);
/// <c>repeated body</c> is the estimator after it has seen the same request twice, when the long strings come from
/// its <see cref="TextCountCache"/> (what the next turn of a conversation, or a client sending the same system
/// prompt and tools, mostly costs).
/// </remarks>
public class EstimatorBenchmarks
{
    private byte[] _body = [];
    private TokenEstimator _warm = new();

    [Params("gpt-4o", "gpt-4", "claude-sonnet-4-5")]
    public string Model { get; set; } = "gpt-4o";

    /// <summary>Builds the request: prose paragraphs from the tokenizer benchmarks, in English and Chinese.</summary>
    public static byte[] BuildBody(string model)
    {
        var system = TokenizerBenchmarks.Repeat(TokenizerBenchmarks.English, 2048);
        var tools = Enumerable.Range(0, 3).Select(i => new
        {
            type = "function",
            function = new
            {
                name = $"tool_{i}",
                description = TokenizerBenchmarks.Repeat(TokenizerBenchmarks.English[(i * 100)..], 400),
                parameters = new { type = "object", properties = new { query = new { type = "string", description = "What to look up, in the user's words." } } },
            },
        });
        var messages = new List<object> { new { role = "system", content = system } };
        for (var turn = 0; turn < 5; turn++)
        {
            messages.Add(new { role = "user", content = TokenizerBenchmarks.Repeat(turn % 2 == 0 ? TokenizerBenchmarks.English[(turn * 50)..] : TokenizerBenchmarks.Chinese[(turn * 20)..], 300) });
            messages.Add(new { role = "assistant", content = TokenizerBenchmarks.Repeat(TokenizerBenchmarks.English[(turn * 70)..], 700) });
        }

        messages.Add(new { role = "user", content = "And what happens to a stream that is cut short?" });
        return JsonSerializer.SerializeToUtf8Bytes(new { model, messages, tools });
    }

    [GlobalSetup]
    public void Setup()
    {
        _body = BuildBody(Model);
        _warm = new TokenEstimator();
        _warm.EstimatePromptTokens(_body, Model);
        _warm.EstimatePromptTokens(_body, Model);
        Console.WriteLine($"// {Model}: {_body.Length} bytes, {_warm.EstimatePromptTokens(_body, Model)} tokens, {_warm.CachedStrings} strings cached");
    }

    [Benchmark(Baseline = true, Description = "EstimatePromptTokens, first sight")]
    public long FirstSight() => new TokenEstimator().EstimatePromptTokens(_body, Model);

    [Benchmark(Description = "EstimatePromptTokens, repeated body")]
    public long Repeated() => _warm.EstimatePromptTokens(_body, Model);
}
