using Switchboard.Abstractions.Usage;

namespace Switchboard.Server.Status;

/// <summary>Parses the query parameters shared by the status routes: groupings, intervals and UTC offsets.</summary>
internal static class StatusQuery
{
    public static bool TryParseGrouping(string? text, UsageGrouping fallback, out UsageGrouping grouping)
    {
        grouping = (text ?? string.Empty).Trim().ToLowerInvariant() switch
        {
            "" => fallback,
            "none" => UsageGrouping.None,
            "model" => UsageGrouping.Model,
            "agent" => UsageGrouping.Agent,
            "provider" => UsageGrouping.Provider,
            "platform" => UsageGrouping.Platform,
            "key" or "virtual_key" => UsageGrouping.VirtualKey,
            "upstream_key" => UsageGrouping.UpstreamKey,
            "user" => UsageGrouping.User,
            "slot" => UsageGrouping.Slot,
            "protocol" => UsageGrouping.Protocol,
            _ => (UsageGrouping)(-1),
        };
        return Enum.IsDefined(grouping);
    }

    public static string Name(UsageGrouping grouping) => grouping switch
    {
        UsageGrouping.VirtualKey => "key",
        UsageGrouping.UpstreamKey => "upstream_key",
        _ => grouping.ToString().ToLowerInvariant(),
    };

    public static bool TryParseOffset(string? text, out TimeSpan offset)
    {
        offset = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var value = text.Trim();
        var negative = value.StartsWith('-');
        if (!TimeSpan.TryParseExact(value.TrimStart('+', '-'), "hh\\:mm", System.Globalization.CultureInfo.InvariantCulture, out var parsed) || parsed > TimeSpan.FromHours(14))
        {
            return false;
        }

        offset = negative ? -parsed : parsed;
        return true;
    }
}
