using System.CommandLine;
using Spectre.Console;

namespace Switchboard.Server.Cli.Check;

/// <summary><c>check</c>: validates what the gateway needs before it starts, or asks a running one how it is.</summary>
/// <remarks>
/// The exit code names the first failure in the order of <see cref="CliExitCodes"/>: database (3), master key (4),
/// sealed keys (5), platforms file (6), gateway (7); 0 when nothing failed (warnings included).
/// </remarks>
internal static class CheckCommand
{
    public static Command Create(CliContext context, GatewayTarget target)
    {
        var command = new Command(
            "check",
            "Validate the platforms file, the database connection, the master key and the sealed keys (or, with --url, a running gateway's readiness and health). " +
            "The exit code names the first failure: 3 database, 4 master key, 5 sealed keys, 6 platforms file, 7 gateway.");
        target.AddTo(command);
        CliAction.Set(command, context, async (parse, cancellationToken) =>
        {
            using var remote = target.Open(parse, context, keyRequired: false);
            IReadOnlyList<CheckLine> lines;
            if (remote is null)
            {
                await using var local = LocalGateway.Create(context);
                lines = await CliProgress.RunAsync(context, "Checking", step => LocalChecks.RunAsync(local, step, cancellationToken));
            }
            else
            {
                lines = await CliProgress.RunAsync(context, "Checking", step => RemoteChecks.RunAsync(remote, step, cancellationToken));
            }

            Report(context, lines);
            var failed = lines.Where(l => l.Outcome == CheckOutcome.Failed).OrderBy(l => l.ExitCode).FirstOrDefault();
            context.WriteLine(failed is null ? "All checks passed." : $"Failed: {failed.Name} (exit code {failed.ExitCode}).");
            return failed?.ExitCode ?? CliExitCodes.Success;
        });
        return command;
    }

    /// <summary>Writes one line per check: the outcome, the check's name and its detail, continued lines indented under the detail.</summary>
    /// <remarks>
    /// Lines rather than a table: a detail is a sentence that may run long, and a table pads or wraps it, which splits
    /// the words a script or a log search looks for.
    /// </remarks>
    private static void Report(CliContext context, IReadOnlyList<CheckLine> lines)
    {
        var nameWidth = lines.Max(l => l.Name.Length) + 2;
        const int outcomeWidth = 9;
        foreach (var line in lines)
        {
            var (text, color) = line.Outcome switch
            {
                CheckOutcome.Passed => ("ok", Color.Green),
                CheckOutcome.Warning => ("warning", Color.Yellow),
                CheckOutcome.Skipped => ("skipped", Color.Grey),
                _ => ("FAILED", Color.Red),
            };
            var detail = context.Scrub(line.Detail).ReplaceLineEndings("\n" + new string(' ', outcomeWidth + nameWidth));
            context.Out.Write(new Text(text.PadRight(outcomeWidth), new Style(color)));
            context.Out.Write(new Text(line.Name.PadRight(nameWidth) + detail + "\n"));
        }
    }
}
