namespace Switchboard.Core.Telemetry.Prometheus;

/// <summary>Writes one metric family in the Prometheus text exposition format: HELP, TYPE, then the samples.</summary>
internal static class PrometheusTextWriter
{
    /// <summary>Writes the family; observable series not reported in collection <paramref name="generation"/> are left out.</summary>
    public static void Write(TextWriter writer, MetricFamily family, long generation)
    {
        var series = family.Series();
        if (family.IsObservable)
        {
            series.RemoveAll(s => s.Generation != generation);
        }

        if (series.Count == 0)
        {
            return;
        }

        writer.Write("# HELP ");
        writer.Write(family.Name);
        writer.Write(' ');
        writer.Write(PrometheusNaming.EscapeHelp(family.Help));
        writer.Write('\n');
        writer.Write("# TYPE ");
        writer.Write(family.Name);
        writer.Write(family.Kind switch { MetricKind.Counter => " counter\n", MetricKind.Histogram => " histogram\n", _ => " gauge\n" });
        foreach (var item in series)
        {
            if (family.Kind == MetricKind.Histogram)
            {
                WriteHistogram(writer, family, item);
            }
            else
            {
                WriteSample(writer, family.Name, item.LabelPairs, null, item.Value);
            }
        }
    }

    private static void WriteHistogram(TextWriter writer, MetricFamily family, MetricSeries series)
    {
        // The count is the sum of the bucket counts read once, so buckets, +Inf and _count always agree.
        var buckets = series.ReadBuckets();
        var cumulative = 0L;
        var bucketName = family.Name + "_bucket";
        for (var i = 0; i < family.Bounds.Length; i++)
        {
            cumulative += buckets[i];
            WriteSample(writer, bucketName, series.LabelPairs, "le=\"" + PrometheusNaming.FormatValue(family.Bounds[i]) + "\"", cumulative);
        }

        cumulative += buckets[^1];
        WriteSample(writer, bucketName, series.LabelPairs, "le=\"+Inf\"", cumulative);
        WriteSample(writer, family.Name + "_sum", series.LabelPairs, null, series.Value);
        WriteSample(writer, family.Name + "_count", series.LabelPairs, null, cumulative);
    }

    private static void WriteSample(TextWriter writer, string name, string labels, string? extraLabel, double value)
    {
        writer.Write(name);
        if (labels.Length > 0 || extraLabel is not null)
        {
            writer.Write('{');
            writer.Write(labels);
            if (extraLabel is not null)
            {
                if (labels.Length > 0)
                {
                    writer.Write(',');
                }

                writer.Write(extraLabel);
            }

            writer.Write('}');
        }

        writer.Write(' ');
        writer.Write(PrometheusNaming.FormatValue(value));
        writer.Write('\n');
    }
}
