using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Rendering;
using Switchboard.Server.Status;
using Switchboard.Server.Status.Views;

namespace Switchboard.Server.Cli;

/// <summary><c>usage</c>: a usage report for a period, grouped, from the local database or <c>/api/v1/status/usage</c>.</summary>
/// <remarks>The periods, groupings and intervals are the route's, parsed by the same code (<see cref="UsageReport"/>), and both ways print the same view.</remarks>
internal static class UsageCommand
{
    public static Command Create(CliContext context, GatewayTarget target)
    {
        var period = new Option<string?>("--period") { Description = "24h (default), 7d, week, month, total, or a count with m, h, d or w such as 90m or 3d.", HelpName = "period" };
        var groupBy = new Option<string?>("--group-by")
        {
            Description = "model (default), agent, provider, platform, key, upstream_key, user, slot, protocol or none.",
            HelpName = "grouping",
        };
        var user = new Option<string?>("--user") { Description = "Only this user's usage.", HelpName = "user-id" };
        var interval = new Option<string?>("--interval") { Description = "The timeline's bucket: hour or day (default: hour up to 2 days, else day).", HelpName = "bucket" };
        var offset = new Option<string?>("--utc-offset") { Description = "Where days start for the timeline, e.g. +08:00.", HelpName = "offset" };
        var timeline = new Option<bool>("--timeline") { Description = "Also print the totals per hour or day." };
        var json = new Option<bool>("--json") { Description = "Print the API's JSON instead of tables." };
        var command = new Command("usage", "Report requests, tokens, revenue and cost for a period, grouped.") { period, groupBy, user, interval, offset, timeline, json };
        target.AddTo(command);
        CliAction.Set(command, context, async (parse, cancellationToken) =>
        {
            var (report, error) = UsageReport.Parse(parse.GetValue(period), parse.GetValue(groupBy), parse.GetValue(interval), parse.GetValue(offset), DateTimeOffset.UtcNow);
            if (error is not null)
            {
                throw new CliFailure(CliExitCodes.Usage, error.Message);
            }

            var userId = parse.GetValue(user);
            using var remote = target.Open(parse, context);
            var view = await CliProgress.RunAsync(context, remote is null ? "Reading usage" : $"Asking {remote.Display}", async _ =>
            {
                if (remote is not null)
                {
                    return await remote.SendAsync<UsageView>(HttpMethod.Get, Query(parse.GetValue(period), parse.GetValue(groupBy), userId, parse.GetValue(interval), parse.GetValue(offset)), null, cancellationToken);
                }

                await using var local = LocalGateway.Create(context);
                var store = await local.OpenAsync(cancellationToken);
                return await report!.RunAsync(store.Usage, userId, showCost: true, cancellationToken);
            });
            if (parse.GetValue(json))
            {
                await context.WriteJsonAsync(view);
                return CliExitCodes.Success;
            }

            Print(context, view, parse.GetValue(timeline));
            return CliExitCodes.Success;
        });
        return command;
    }

    private static string Query(string? period, string? groupBy, string? userId, string? interval, string? offset)
    {
        var parts = new List<string>();
        foreach (var (name, value) in new[] { ("period", period), ("group_by", groupBy), ("user_id", userId), ("interval", interval), ("utc_offset", offset) })
        {
            if (!string.IsNullOrEmpty(value))
            {
                parts.Add($"{name}={Uri.EscapeDataString(value)}");
            }
        }

        return parts.Count == 0 ? "api/v1/status/usage" : "api/v1/status/usage?" + string.Join('&', parts);
    }

    private static void Print(CliContext context, UsageView view, bool withTimeline)
    {
        var who = view.UserId is null ? string.Empty : $", user {view.UserId}";
        context.WriteLine($"Usage over {view.Period}{who}: {Time(view.From)} to {Time(view.To)}, by {view.GroupBy}.");
        var table = TotalsTable(view.GroupBy);
        foreach (var group in view.Groups)
        {
            AddRow(table, group.Key ?? "(none)", group.Usage);
        }

        if (view.Groups.Count == 0)
        {
            table.Caption("No requests in this period.");
        }
        else
        {
            AddRow(table, "total", view.Totals, bold: true);
        }

        context.Out.Write(table);
        if (withTimeline)
        {
            var buckets = TotalsTable(view.Interval);
            foreach (var bucket in view.Timeline)
            {
                AddRow(buckets, Time(bucket.Start), bucket.Usage);
            }

            if (view.Timeline.Count == 0)
            {
                buckets.Caption("No requests in this period.");
            }

            context.Out.Write(buckets);
        }
    }

    private static Table TotalsTable(string firstColumn)
    {
        var table = new Table().Border(TableBorder.Simple);
        table.AddColumn(new TableColumn(firstColumn).NoWrap());
        foreach (var column in new[] { "requests", "errors", "input", "output", "cached", "reasoning", "total tokens", "revenue", "cost", "avg ms" })
        {
            table.AddColumn(new TableColumn(column).RightAligned().NoWrap());
        }

        return table;
    }

    private static void AddRow(Table table, string name, UsageTotalsView totals, bool bold = false)
    {
        var style = bold ? new Style(decoration: Decoration.Bold) : Style.Plain;
        IRenderable Cell(string text) => new Text(text, style);
        table.AddRow(
            Cell(name),
            Cell(Count(totals.Requests)),
            Cell(Count(totals.Errors)),
            Cell(Count(totals.InputTokens)),
            Cell(Count(totals.OutputTokens)),
            Cell(Count(totals.CachedInputTokens)),
            Cell(Count(totals.ReasoningTokens)),
            Cell(Count(totals.TotalTokens)),
            Cell(Money(totals.UserPrice)),
            Cell(totals.ProviderCost is { } cost ? Money(cost) : "-"),
            Cell(totals.AvgLatencyMs.ToString("0", CultureInfo.InvariantCulture)));
    }

    private static string Count(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Money(decimal value) => "$" + value.ToString("0.######", CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset time) => time.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture);
}
