using System.Globalization;
using System.Text;

namespace Switchboard.Core.Telemetry.Prometheus;

/// <summary>Turns OpenTelemetry instrument and attribute names into Prometheus names, and escapes text for the exposition format.</summary>
/// <remarks>Follows the OpenTelemetry-to-Prometheus compatibility rules: dots become underscores, the unit becomes a suffix, counters end in <c>_total</c>.</remarks>
internal static class PrometheusNaming
{
    /// <summary>Builds the metric family name of an instrument.</summary>
    public static string MetricName(string instrumentName, string? unit, MetricKind kind)
    {
        var name = Sanitize(instrumentName, allowColon: true);
        if (UnitSuffix(unit, kind) is { } suffix && !name.EndsWith("_" + suffix, StringComparison.Ordinal))
        {
            name += "_" + suffix;
        }

        if (kind == MetricKind.Counter && !name.EndsWith("_total", StringComparison.Ordinal))
        {
            name += "_total";
        }

        return name;
    }

    /// <summary>Builds a label name from an attribute name.</summary>
    public static string LabelName(string attribute) => Sanitize(attribute, allowColon: false);

    /// <summary>Escapes a HELP text: backslash and newline.</summary>
    public static string EscapeHelp(string? text) =>
        string.IsNullOrEmpty(text) ? string.Empty : text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>Escapes a label value: backslash, double quote and newline.</summary>
    public static string EscapeLabelValue(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>Formats a sample value the way Prometheus parses it.</summary>
    public static string FormatValue(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ when double.IsNaN(value) => "NaN",
        _ => value.ToString(CultureInfo.InvariantCulture),
    };

    private static string? UnitSuffix(string? unit, MetricKind kind) => unit switch
    {
        null or "" => null,
        _ when unit.StartsWith('{') => null,
        "s" => "seconds",
        "ms" => "milliseconds",
        "By" => "bytes",
        "1" => kind == MetricKind.Gauge ? "ratio" : null,
        _ => Sanitize(unit, allowColon: false),
    };

    private static string Sanitize(string name, bool allowColon)
    {
        var builder = new StringBuilder(name.Length + 1);
        foreach (var c in name)
        {
            var valid = char.IsAsciiLetterOrDigit(c) || c == '_' || (allowColon && c == ':');
            builder.Append(valid ? c : '_');
        }

        if (builder.Length == 0 || char.IsAsciiDigit(builder[0]))
        {
            builder.Insert(0, '_');
        }

        return builder.ToString();
    }
}
