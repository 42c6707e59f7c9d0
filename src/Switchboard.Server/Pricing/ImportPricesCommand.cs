using System.Globalization;
using Switchboard.Core.Pricing;
using Switchboard.Hosting;
using Switchboard.Pricing;
using Switchboard.Providers.Pricing;
using Switchboard.Storage;

namespace Switchboard.Server.Pricing;

/// <summary>Runs <c>import-prices &lt;file&gt; [--dry-run]</c>: imports a LiteLLM price file into the database the gateway uses.</summary>
/// <remarks>
/// The database is found as the gateway finds it (<c>ConnectionStrings__Switchboard</c>, else <c>switchboard.db</c> in
/// <c>SWITCHBOARD_DATA_DIR</c>). A running gateway uses the new prices after its next reload (<c>POST /api/admin/reload</c>)
/// or restart; the admin route <c>POST /api/admin/prices/import</c> reloads at once.
/// </remarks>
internal static class ImportPricesCommand
{
    public const string Usage = "import-prices <file> [--dry-run]";

    public static int Run(string[] args, Func<string, string?> getEnv, TextWriter output, TextWriter error)
    {
        var dryRun = args.Skip(1).Contains("--dry-run");
        var path = args.Skip(1).FirstOrDefault(a => a != "--dry-run");
        if (string.IsNullOrEmpty(path))
        {
            error.WriteLine($"import-prices: give the price file: {Usage}");
            return 2;
        }

        if (!File.Exists(path))
        {
            error.WriteLine($"import-prices: no file at {path}.");
            return 2;
        }

        var options = new SwitchboardOptions
        {
            ConnectionString = getEnv("ConnectionStrings__Switchboard"),
            DataDirectory = getEnv("SWITCHBOARD_DATA_DIR") ?? "data",
        };
        if (string.IsNullOrWhiteSpace(options.ConnectionString) && !File.Exists(Path.Combine(options.DataDirectory, "switchboard.db")))
        {
            error.WriteLine($"import-prices: no database in {options.DataDirectory}; start the gateway once, or set SWITCHBOARD_DATA_DIR or ConnectionStrings__Switchboard.");
            return 2;
        }

        try
        {
            return RunAsync(path, dryRun, options.EffectiveConnectionString, output).GetAwaiter().GetResult();
        }
        catch (PriceFileException ex)
        {
            error.WriteLine($"import-prices: {ex.Message}");
            return 1;
        }
    }

    private static async Task<int> RunAsync(string path, bool dryRun, string connectionString, TextWriter output)
    {
        // The file is read before the database is opened, so a bad file never touches it.
        var prices = LiteLlmPriceFile.Parse(await File.ReadAllBytesAsync(path), Path.GetFileName(path));
        await using var database = SwitchboardStorage.Create(connectionString);
        await database.MigrateAsync(CancellationToken.None);
        var service = new PriceImportService(database, database, new LiteLlmProviderNames());
        var result = await service.ImportAsync(prices, dryRun, CancellationToken.None);
        Print(result, output);
        return 0;
    }

    private static void Print(PriceImportResult result, TextWriter output)
    {
        var plan = result.Plan;
        output.WriteLine(result.DryRun
            ? $"Dry run: {plan.Changes.Count} platform models would change, {plan.Unchanged} are current, {plan.Unmatched.Count} are not in the {plan.Entries} entries."
            : $"Updated {result.Applied} platform models; {plan.Unchanged} were current, {plan.Unmatched.Count} are not in the {plan.Entries} entries.");
        foreach (var change in plan.Changes)
        {
            output.WriteLine($"  {change.Platform}/{change.Model} ({change.PriceKey}): input {Money(change.Old.InputPerMillion)} -> {Money(change.New.InputPerMillion)}, " +
                $"output {Money(change.Old.OutputPerMillion)} -> {Money(change.New.OutputPerMillion)}, cached {Money(change.Old.CachedInputPerMillion)} -> {Money(change.New.CachedInputPerMillion)}, " +
                $"context {change.Old.ContextWindow?.ToString(CultureInfo.InvariantCulture) ?? "-"} -> {change.New.ContextWindow?.ToString(CultureInfo.InvariantCulture) ?? "-"} (per 1M tokens)");
        }

        foreach (var model in plan.Unmatched)
        {
            output.WriteLine($"  not in the list: {model.Platform}/{model.Model} ({model.UpstreamModel})");
        }
    }

    private static string Money(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "-";
}
