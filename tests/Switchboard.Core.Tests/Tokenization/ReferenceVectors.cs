using System.Text.Json;

namespace Switchboard.Core.Tests.Tokenization;

/// <summary>Reads the reference encodings copied next to the test assembly (see Data/README.md).</summary>
internal static class ReferenceVectors
{
    public static string DataPath(string file) => Path.Combine(AppContext.BaseDirectory, "Tokenization", "Data", file);

    /// <summary>Returns (text, ids) for one encoding; a case stored as UTF-16 code units may hold lone surrogates.</summary>
    public static IReadOnlyList<(string Text, int[] Ids)> Load(string file, string encoding)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(DataPath(file)));
        var cases = new List<(string, int[])>();
        foreach (var item in document.RootElement.EnumerateArray())
        {
            // System.Text.Json refuses lone surrogates in strings, so such cases carry their code units instead.
            var text = item.TryGetProperty("utf16", out var units)
                ? new string([.. units.EnumerateArray().Select(unit => (char)unit.GetInt32())])
                : item.GetProperty("text").GetString()!;
            cases.Add((text, [.. item.GetProperty(encoding).EnumerateArray().Select(id => id.GetInt32())]));
        }

        return cases;
    }
}
