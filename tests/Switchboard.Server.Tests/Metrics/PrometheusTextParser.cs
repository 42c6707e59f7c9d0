using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Switchboard.Server.Tests.Metrics;

/// <summary>Parses and validates the Prometheus text exposition format (0.0.4) strictly, the way a scraper would reject bad output.</summary>
/// <remarks>
/// Checks: metric and label name syntax, label value escapes, HELP and TYPE at most once per family and before its samples,
/// samples of one family contiguous, counters named *_total, histogram buckets cumulative with le="+Inf" equal to _count.
/// </remarks>
internal static partial class PrometheusTextParser
{
    public static IReadOnlyDictionary<string, ParsedFamily> Parse(string text)
    {
        var families = new Dictionary<string, ParsedFamily>(StringComparer.Ordinal);
        var closed = new HashSet<string>(StringComparer.Ordinal);
        string? current = null;
        var lineNumber = 0;
        foreach (var line in text.Split('\n'))
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            if (line.StartsWith('#'))
            {
                var parts = line.Split(' ', 4);
                if (parts.Length >= 3 && parts[1] is "HELP" or "TYPE")
                {
                    var name = parts[2];
                    Check(MetricName().IsMatch(name), lineNumber, $"bad metric name '{name}'");
                    var family = Enter(name);
                    if (parts[1] == "HELP")
                    {
                        Check(family.Help is null, lineNumber, $"second HELP for {name}");
                        Check(family.Samples.Count == 0, lineNumber, $"HELP after samples for {name}");
                        family.Help = parts.Length == 4 ? parts[3] : string.Empty;
                    }
                    else
                    {
                        Check(family.Type is null, lineNumber, $"second TYPE for {name}");
                        Check(family.Samples.Count == 0, lineNumber, $"TYPE after samples for {name}");
                        Check(parts.Length == 4 && parts[3] is "counter" or "gauge" or "histogram" or "summary" or "untyped", lineNumber, $"bad TYPE line '{line}'");
                        family.Type = parts[3];
                    }
                }

                continue;
            }

            var sample = ParseSample(line, lineNumber);
            var owner = FamilyOf(sample.Name, families);
            Check(owner is not null, lineNumber, $"sample {sample.Name} has no TYPE");
            Check(owner!.Name == current, lineNumber, $"samples of {owner.Name} are not contiguous");
            owner.Samples.Add(sample);
        }

        foreach (var family in families.Values)
        {
            Validate(family);
        }

        return families;

        ParsedFamily Enter(string name)
        {
            if (current != name)
            {
                Check(!closed.Contains(name), lineNumber, $"family {name} appears twice");
                if (current is not null)
                {
                    closed.Add(current);
                }

                current = name;
            }

            if (!families.TryGetValue(name, out var family))
            {
                family = new ParsedFamily(name);
                families[name] = family;
            }

            return family;
        }
    }

    private static ParsedFamily? FamilyOf(string sampleName, Dictionary<string, ParsedFamily> families)
    {
        if (families.TryGetValue(sampleName, out var exact))
        {
            return exact;
        }

        foreach (var suffix in new[] { "_bucket", "_sum", "_count" })
        {
            if (sampleName.EndsWith(suffix, StringComparison.Ordinal)
                && families.TryGetValue(sampleName[..^suffix.Length], out var histogram)
                && histogram.Type is "histogram" or "summary")
            {
                return histogram;
            }
        }

        return null;
    }

    private static ParsedSample ParseSample(string line, int lineNumber)
    {
        var i = 0;
        while (i < line.Length && line[i] != '{' && line[i] != ' ')
        {
            i++;
        }

        var name = line[..i];
        Check(MetricName().IsMatch(name), lineNumber, $"bad sample name '{name}'");
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (i < line.Length && line[i] == '{')
        {
            i++;
            while (line[i] != '}')
            {
                var eq = line.IndexOf('=', i);
                Check(eq > i, lineNumber, "label without '='");
                var labelName = line[i..eq];
                Check(LabelName().IsMatch(labelName), lineNumber, $"bad label name '{labelName}'");
                Check(line[eq + 1] == '"', lineNumber, "label value not quoted");
                var value = new StringBuilder();
                var j = eq + 2;
                while (line[j] != '"')
                {
                    if (line[j] == '\\')
                    {
                        j++;
                        value.Append(line[j] switch
                        {
                            '\\' => '\\',
                            '"' => '"',
                            'n' => '\n',
                            _ => throw new FormatException($"line {lineNumber}: bad escape \\{line[j]}"),
                        });
                    }
                    else
                    {
                        value.Append(line[j]);
                    }

                    j++;
                }

                Check(labels.TryAdd(labelName, value.ToString()), lineNumber, $"duplicate label {labelName}");
                i = j + 1;
                if (line[i] == ',')
                {
                    i++;
                }
            }

            i++;
        }

        Check(i < line.Length && line[i] == ' ', lineNumber, "no space before the value");
        var fields = line[(i + 1)..].Split(' ');
        Check(fields.Length is 1 or 2, lineNumber, "extra fields after the value");
        return new ParsedSample(name, labels, ParseValue(fields[0], lineNumber));
    }

    private static double ParseValue(string text, int lineNumber) => text switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"line {lineNumber}: bad value '{text}'"),
    };

    private static void Validate(ParsedFamily family)
    {
        Check(family.Type is not null, 0, $"{family.Name} has no TYPE");
        if (family.Type == "counter")
        {
            Check(family.Name.EndsWith("_total", StringComparison.Ordinal), 0, $"counter {family.Name} does not end in _total");
            Check(family.Samples.All(s => s.Value >= 0), 0, $"counter {family.Name} is negative");
        }

        if (family.Type != "histogram")
        {
            return;
        }

        foreach (var series in family.Samples.GroupBy(s => SeriesKey(s.Labels)))
        {
            var buckets = series.Where(s => s.Name == family.Name + "_bucket").ToList();
            var sum = series.SingleOrDefault(s => s.Name == family.Name + "_sum");
            var count = series.SingleOrDefault(s => s.Name == family.Name + "_count");
            Check(buckets.Count > 0 && sum is not null && count is not null, 0, $"{family.Name}{{{series.Key}}} lacks _bucket, _sum or _count");
            var bounds = buckets.Select(b => ParseValue(b.Labels["le"], 0)).ToList();
            Check(bounds.SequenceEqual(bounds.Order()), 0, $"{family.Name} buckets are not in le order");
            Check(double.IsPositiveInfinity(bounds[^1]), 0, $"{family.Name} has no le=\"+Inf\" bucket");
            for (var k = 1; k < buckets.Count; k++)
            {
                Check(buckets[k].Value >= buckets[k - 1].Value, 0, $"{family.Name} buckets are not cumulative");
            }

            Check(buckets[^1].Value == count!.Value, 0, $"{family.Name} +Inf bucket {buckets[^1].Value} differs from _count {count.Value}");
        }
    }

    private static string SeriesKey(IReadOnlyDictionary<string, string> labels) =>
        string.Join(",", labels.Where(l => l.Key != "le").OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));

    private static void Check(bool condition, int lineNumber, string message)
    {
        if (!condition)
        {
            throw new FormatException(lineNumber > 0 ? $"line {lineNumber}: {message}" : message);
        }
    }

    [GeneratedRegex("^[a-zA-Z_:][a-zA-Z0-9_:]*$")]
    private static partial Regex MetricName();

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*$")]
    private static partial Regex LabelName();
}
