using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.Extensions.Logging;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Switchboard.Core.Configuration;

/// <summary>Reads typed values from YAML nodes and reports mistakes with file, line, column and field path.</summary>
/// <remarks>Not thread-safe: one instance serves one load and collects its warnings.</remarks>
internal sealed class YamlFieldReader
{
    private readonly ILogger _logger;
    private readonly List<string> _warnings = [];

    public YamlFieldReader(string fileName, ILogger logger)
    {
        FileName = fileName;
        _logger = logger;
    }

    public string FileName { get; }

    public IReadOnlyList<string> Warnings => _warnings;

    public static string Join(string parent, string child) => parent.Length == 0 ? child : $"{parent}.{child}";

    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } scalar
        && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";

    public ConfigurationFileException Error(YamlNode at, string path, string problem) =>
        new(FileName, ToInt(at.Start.Line), ToInt(at.Start.Column), path, problem);

    [DoesNotReturn]
    public void Fail(YamlNode at, string path, string problem) => throw Error(at, path, problem);

    public void Warn(YamlNode at, string path, string text)
    {
        var warning = $"{FileName}:{ToInt(at.Start.Line)}:{ToInt(at.Start.Column)}: {path}: {text}";
        _warnings.Add(warning);
        PlatformsFileLog.FileWarning(_logger, warning);
    }

    public void WarnUnknown(YamlField field) => Warn(field.Key, field.Path, $"unknown field '{field.Name}' is ignored");

    public IEnumerable<YamlField> Fields(YamlMappingNode mapping, string path)
    {
        foreach (var (key, value) in mapping.Children)
        {
            if (key is not YamlScalarNode { Value: { } name } || IsNull(key))
            {
                throw Error(key, path, "expected a plain name as the key");
            }

            yield return new YamlField(name, key, value, Join(path, name));
        }
    }

    public YamlMappingNode? Mapping(YamlField field, string expected)
    {
        if (IsNull(field.Value))
        {
            return null;
        }

        return field.Value as YamlMappingNode ?? throw Error(field.Key, field.Path, $"expected {expected}, found {Describe(field.Value)}");
    }

    public string? String(YamlField field)
    {
        if (IsNull(field.Value))
        {
            return null;
        }

        return field.Value is YamlScalarNode { Value: { } text }
            ? text.Trim()
            : throw Error(field.Key, field.Path, $"expected a text value, found {Describe(field.Value)}");
    }

    public string RequiredString(YamlField field)
    {
        var text = String(field);
        return string.IsNullOrEmpty(text) ? throw Error(field.Key, field.Path, "expected a text value, found nothing") : text;
    }

    public decimal? Price(YamlField field)
    {
        var text = Scalar(field, "a number");
        if (text is null)
        {
            return null;
        }

        if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            Fail(field.Key, field.Path, "expected a number");
        }

        return value < 0 ? throw Error(field.Key, field.Path, "expected a number that is not negative") : value;
    }

    public int? Integer(YamlField field, int minimum)
    {
        var text = Scalar(field, "a whole number");
        if (text is null)
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            Fail(field.Key, field.Path, "expected a whole number");
        }

        return value < minimum ? throw Error(field.Key, field.Path, $"expected a whole number of at least {minimum}") : value;
    }

    public bool? Boolean(YamlField field)
    {
        var text = Scalar(field, "true or false");
        return text?.ToUpperInvariant() switch
        {
            null => null,
            "TRUE" or "YES" or "ON" => true,
            "FALSE" or "NO" or "OFF" => false,
            _ => throw Error(field.Key, field.Path, "expected true or false"),
        };
    }

    public IReadOnlyList<string> StringList(YamlField field)
    {
        if (IsNull(field.Value))
        {
            return [];
        }

        // A single word is accepted for a one-item list, as in "tags: fast".
        if (field.Value is YamlScalarNode { Value: { } single })
        {
            return [single.Trim()];
        }

        if (field.Value is not YamlSequenceNode sequence)
        {
            throw Error(field.Key, field.Path, $"expected a list of names, found {Describe(field.Value)}");
        }

        var items = new List<string>(sequence.Children.Count);
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var item = sequence.Children[i];
            if (item is not YamlScalarNode { Value: { } text } || IsNull(item))
            {
                throw Error(item, $"{field.Path}[{i}]", $"expected a name, found {Describe(item)}");
            }

            items.Add(text.Trim());
        }

        return items;
    }

    public IReadOnlyDictionary<string, string> StringMap(YamlField field, string expected)
    {
        var mapping = Mapping(field, expected);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (mapping is null)
        {
            return result;
        }

        foreach (var entry in Fields(mapping, field.Path))
        {
            result[entry.Name] = String(entry) ?? string.Empty;
        }

        return result;
    }

    public static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a map",
        YamlSequenceNode => "a list",
        _ when IsNull(node) => "nothing",
        _ => "a single value",
    };

    private string? Scalar(YamlField field, string expected)
    {
        if (IsNull(field.Value))
        {
            return null;
        }

        return field.Value is YamlScalarNode { Value: { } text }
            ? text.Trim()
            : throw Error(field.Key, field.Path, $"expected {expected}, found {Describe(field.Value)}");
    }

    private static int ToInt(long value) => (int)Math.Clamp(value, 0, int.MaxValue);
}
