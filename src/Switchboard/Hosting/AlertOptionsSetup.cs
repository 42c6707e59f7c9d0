using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Switchboard.Core.Alerts;

namespace Switchboard.Hosting;

/// <summary>Reads <see cref="AlertOptions"/> from the <c>Switchboard:Alerts</c> section (quotas under <c>Quotas:&lt;user id&gt;</c>) when the host has a configuration.</summary>
internal sealed class AlertOptionsSetup(IConfiguration? configuration = null) : IConfigureOptions<AlertOptions>
{
    public void Configure(AlertOptions options)
    {
        var section = configuration?.GetSection(AlertOptions.SectionName);
        if (section is null)
        {
            return;
        }

        if (Span(section["EvaluationInterval"]) is { } interval)
        {
            options.EvaluationInterval = interval;
        }

        if (Span(section["Cooldown"]) is { } cooldown)
        {
            options.Cooldown = cooldown;
        }

        if (Span(section["QuotaPeriod"]) is { } period)
        {
            options.QuotaPeriod = period;
        }

        if (Span(section["ErrorRateWindow"]) is { } window)
        {
            options.ErrorRateWindow = window;
        }

        if (Uri.TryCreate(section["WebhookUrl"], UriKind.Absolute, out var url))
        {
            options.WebhookUrl = url;
        }

        options.QuotaThreshold = Number(section["QuotaThreshold"]) ?? options.QuotaThreshold;
        options.CostAnomalyFactor = Number(section["CostAnomalyFactor"]) ?? options.CostAnomalyFactor;
        options.CostAnomalyMinimum = Number(section["CostAnomalyMinimum"]) ?? options.CostAnomalyMinimum;
        options.ErrorRateThreshold = (double?)Number(section["ErrorRateThreshold"]) ?? options.ErrorRateThreshold;
        options.LatencyFactor = (double?)Number(section["LatencyFactor"]) ?? options.LatencyFactor;
        options.MinimumRequests = (int?)Number(section["MinimumRequests"]) ?? options.MinimumRequests;
        foreach (var quota in section.GetSection("Quotas").GetChildren())
        {
            if (Number(quota.Value) is { } limit)
            {
                options.Quotas[quota.Key] = limit;
            }
        }
    }

    private static TimeSpan? Span(string? text) =>
        TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value) && value >= TimeSpan.Zero ? value : null;

    private static decimal? Number(string? text) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
}
