using BenchmarkDotNet.Attributes;
using Switchboard.Benchmarks.Legacy;
using Switchboard.Core.Tokenization;

namespace Switchboard.Benchmarks;

/// <summary>Temporary: the removed hand-written BPE against Microsoft.ML.Tokenizers on the same text, in one run.</summary>
public class TokenizerOldVsNewBenchmarks
{
    private string _text = "";

    [Params("cl100k_base", "o200k_base")]
    public string Encoding { get; set; } = "cl100k_base";

    [Params("English 10 KB", "Chinese 10 KB")]
    public string Text { get; set; } = "English 10 KB";

    [GlobalSetup]
    public void Setup()
    {
        _text = TokenizerBenchmarks.Repeat(Text.StartsWith("English", StringComparison.Ordinal) ? TokenizerBenchmarks.English : TokenizerBenchmarks.Chinese, 10 * 1024);
        var oldCount = LegacyTiktokenEncoding.FromName(Encoding)!.CountTokens(_text);
        var newCount = TiktokenEncoding.FromName(Encoding)!.CountTokens(_text);
        Console.WriteLine($"// {Encoding} / {Text}: old {oldCount} tokens, new {newCount} tokens");
        if (oldCount != newCount)
        {
            throw new InvalidOperationException("old and new counts differ");
        }
    }

    [Benchmark(Baseline = true, Description = "old CountTokens")]
    public int OldCount() => LegacyTiktokenEncoding.FromName(Encoding)!.CountTokens(_text);

    [Benchmark(Description = "new CountTokens")]
    public int NewCount() => TiktokenEncoding.FromName(Encoding)!.CountTokens(_text);

    [Benchmark(Description = "old LoadRankFile")]
    public int OldLoad() => LegacyRankTable.LoadEmbedded(Encoding).Count;

    [Benchmark(Description = "new LoadRankFile")]
    public int NewLoad() => new TokenizerBenchmarks { Encoding = Encoding }.LoadRankFile();
}

/// <summary>Temporary: every string of the estimator benchmark's request counted with the old BPE and the new library.</summary>
public class EstimatorOldVsNewBenchmarks
{
    private string[] _strings = [];

    [Params("cl100k_base", "o200k_base")]
    public string Encoding { get; set; } = "cl100k_base";

    [GlobalSetup]
    public void Setup()
    {
        var strings = new List<string>();
        var reader = new System.Text.Json.Utf8JsonReader(EstimatorBenchmarks.BuildBody("x"));
        while (reader.Read())
        {
            if (reader.TokenType is System.Text.Json.JsonTokenType.String or System.Text.Json.JsonTokenType.PropertyName)
            {
                strings.Add(reader.GetString()!);
            }
        }

        _strings = [.. strings];
    }

    [Benchmark(Baseline = true, Description = "old BPE, every string of the request")]
    public int Old()
    {
        var encoding = LegacyTiktokenEncoding.FromName(Encoding)!;
        var total = 0;
        foreach (var text in _strings)
        {
            total += encoding.CountTokens(text);
        }

        return total;
    }

    [Benchmark(Description = "library, every string of the request")]
    public int New()
    {
        var encoding = TiktokenEncoding.FromName(Encoding)!;
        var total = 0;
        foreach (var text in _strings)
        {
            total += encoding.CountTokens(text);
        }

        return total;
    }
}
