using System.CommandLine;
using System.Globalization;
using Switchboard.Abstractions.Pricing;
using Switchboard.Core.Audit;
using Switchboard.Core.Pricing;
using Switchboard.Pricing;
using Switchboard.Server.Pricing;

namespace Switchboard.Server.Cli;

/// <summary><c>import-prices &lt;file&gt; [--dry-run]</c>: imports a LiteLLM price file into the database, or through <c>POST /api/admin/prices/import</c>.</summary>
/// <remarks>
/// Locally the file is parsed before the database is opened, so a bad file never touches it; a running gateway uses the
/// new prices after its next reload (within a second when it shares the database, which announces the change).
/// </remarks>
internal static class ImportPricesCommand
{
    public static Command Create(CliContext context, GatewayTarget target)
    {
        var file = new Argument<FileInfo>("file") { Description = "A LiteLLM model_prices_and_context_window.json file." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Only print what would change." };
        var command = new Command("import-prices", "Import provider prices (per 1M tokens) and context windows from a LiteLLM price file.") { file, dryRun };
        target.AddTo(command);
        CliAction.Set(command, context, async (parse, cancellationToken) =>
        {
            var path = parse.GetRequiredValue(file);
            if (!path.Exists)
            {
                throw new CliFailure(CliExitCodes.Usage, $"import-prices: no file at {path.FullName}.");
            }

            var dry = parse.GetValue(dryRun);
            using var remote = target.Open(parse, context);
            var view = await CliProgress.RunAsync(context, $"Reading {path.Name}", async step =>
            {
                var bytes = await File.ReadAllBytesAsync(path.FullName, cancellationToken);
                return remote is null
                    ? await ImportLocallyAsync(context, bytes, path.Name, dry, step, cancellationToken)
                    : await ImportRemotelyAsync(remote, bytes, dry, step, cancellationToken);
            });
            Print(context, view);
            return CliExitCodes.Success;
        });
        return command;
    }

    private static async Task<PriceImportView> ImportLocallyAsync(CliContext context, byte[] bytes, string name, bool dryRun, Action<string> step, CancellationToken cancellationToken)
    {
        PriceList prices;
        try
        {
            prices = LiteLlmPriceFile.Parse(bytes, name);
        }
        catch (PriceFileException e)
        {
            throw new CliFailure(e.Message);
        }

        await using var local = LocalGateway.Create(context);
        step("Opening the database");
        var database = await local.OpenAsync(cancellationToken);
        step("Matching the price list to platform models");
        var service = new PriceImportService(database.Configuration, database.Prices, local.Get<IPriceListProviderNames>());
        var view = PriceImportView.From(await service.ImportAsync(prices, dryRun, cancellationToken));
        if (!dryRun)
        {
            await local.AuditAsync(AuditActions.PricesImport, AuditTargets.Prices, "litellm", after: view);
        }

        return view;
    }

    private static async Task<PriceImportView> ImportRemotelyAsync(RemoteGateway remote, byte[] bytes, bool dryRun, Action<string> step, CancellationToken cancellationToken)
    {
        step($"Sending {bytes.Length:N0} bytes to {remote.Display}");
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        return await remote.SendAsync<PriceImportView>(HttpMethod.Post, $"api/admin/prices/import?dry_run={(dryRun ? "true" : "false")}", content, cancellationToken);
    }

    private static void Print(CliContext context, PriceImportView view)
    {
        context.WriteLine(view.DryRun
            ? $"Dry run: {view.Changes.Count} platform models would change, {view.Unchanged} are current, {view.Unmatched.Count} are not in the {view.Entries} entries."
            : $"Updated {view.Updated} platform models; {view.Unchanged} were current, {view.Unmatched.Count} are not in the {view.Entries} entries.");
        foreach (var change in view.Changes)
        {
            context.WriteLine($"  {change.Platform}/{change.Model} ({change.PriceKey}): input {Money(change.Old.InputPricePerMillion)} -> {Money(change.New.InputPricePerMillion)}, " +
                $"output {Money(change.Old.OutputPricePerMillion)} -> {Money(change.New.OutputPricePerMillion)}, cached {Money(change.Old.CachedInputPricePerMillion)} -> {Money(change.New.CachedInputPricePerMillion)}, " +
                $"context {Count(change.Old.ContextWindow)} -> {Count(change.New.ContextWindow)} (per 1M tokens)");
        }

        foreach (var model in view.Unmatched)
        {
            context.WriteLine($"  not in the list: {model.Platform}/{model.Model} ({model.UpstreamModel})");
        }

        foreach (var note in view.Notes)
        {
            context.WriteLine($"  note: {note}");
        }
    }

    private static string Money(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "-";

    private static string Count(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "-";
}
