using System.CommandLine;
using Microsoft.Extensions.Logging.Abstractions;
using Spectre.Console;
using Switchboard.Abstractions.Providers;
using Switchboard.Core.Audit;
using Switchboard.Core.Secrets;
using Switchboard.Hosting;
using Switchboard.Server.Admin;

namespace Switchboard.Server.Cli;

/// <summary><c>reset-from-yaml</c>: the forced reset, which makes system platforms, their server keys, models and the catalog match the platforms file.</summary>
/// <remarks>
/// Locally it runs the same reset as <c>POST /api/ai/admin/reload-from-yaml</c> after proving the master key (new keys
/// are sealed with it); gateways sharing the database load the result within a second. With <c>--url</c> it calls that
/// route, and the gateway reads its own platforms file. Users' own keys are kept unless their platform's host changed.
/// </remarks>
internal static class ResetFromYamlCommand
{
    public static Command Create(CliContext context, GatewayTarget target)
    {
        var file = new Option<FileInfo?>("--file")
        {
            Description = "The platforms file (default: SWITCHBOARD_CONFIG, as the gateway reads it); local database only.",
            HelpName = "path",
        };
        var yes = new Option<bool>("--yes", "-y") { Description = "Do not ask for confirmation (needed when standard input is not a terminal)." };
        var command = new Command("reset-from-yaml", "Make system platforms, their keys, models and the catalog match the platforms file; users' own keys are kept.") { file, yes };
        target.AddTo(command);
        CliAction.Set(command, context, async (parse, cancellationToken) =>
        {
            using var remote = target.Open(parse, context);
            var path = parse.GetValue(file);
            if (remote is not null && path is not null)
            {
                throw new CliFailure(CliExitCodes.Usage, "--file works on the local database only: a gateway resets from its own platforms file.");
            }

            if (!await ConfirmAsync(context, parse.GetValue(yes), remote?.Display, cancellationToken))
            {
                context.WriteLine("Nothing was changed.");
                return CliExitCodes.Failed;
            }

            var view = remote is null
                ? await ResetLocallyAsync(context, path?.FullName, cancellationToken)
                : await CliProgress.RunAsync(context, $"Resetting {remote.Display} from its platforms file", _ =>
                    remote.SendAsync<ResetFromFileView>(HttpMethod.Post, "api/ai/admin/reload-from-yaml", null, cancellationToken));
            Print(context, view);
            return CliExitCodes.Success;
        });
        return command;
    }

    private static async Task<bool> ConfirmAsync(CliContext context, bool yes, string? gateway, CancellationToken cancellationToken)
    {
        if (yes)
        {
            return true;
        }

        if (Console.IsInputRedirected || !context.Error.Profile.Capabilities.Interactive)
        {
            throw new CliFailure(CliExitCodes.Usage, "reset-from-yaml removes system platforms, keys and models the file does not list: add --yes to confirm.");
        }

        var where = gateway ?? "the local database";
        return await context.Error.ConfirmAsync(
            $"Make {Markup.Escape(where)} match the platforms file? System platforms, keys and models it does not list are removed.", defaultValue: false, cancellationToken);
    }

    private static async Task<ResetFromFileView> ResetLocallyAsync(CliContext context, string? path, CancellationToken cancellationToken)
    {
        await using var local = LocalGateway.Create(context);
        path ??= local.Options.ConfigPath;
        if (string.IsNullOrEmpty(path))
        {
            throw new CliFailure(CliExitCodes.PlatformsFile, "no platforms file is configured: set SWITCHBOARD_CONFIG or give --file.");
        }

        if (!File.Exists(path))
        {
            throw new CliFailure(CliExitCodes.PlatformsFile, $"no platforms file at {Path.GetFullPath(path)}.");
        }

        var view = await CliProgress.RunAsync(context, $"Opening {local.Database.Description}", async step =>
        {
            var store = await local.OpenAsync(cancellationToken);
            step("Proving the master key");
            var sealer = local.Get<SecretSealer>();
            try
            {
                await MasterKeyCheck.VerifyAsync(store.Configuration, sealer, cancellationToken);
            }
            catch (InvalidOperationException e)
            {
                throw new CliFailure(CliExitCodes.MasterKey, e.Message);
            }

            // The file's warnings come back in the answer and are printed once from there, so the loader logs nowhere.
            step($"Applying {Path.GetFileName(path)}");
            return await PlatformsFileReset.ApplyAsync(
                path, store.Configuration, sealer, local.Get<IPlatformPresets>(), local.Options.GetEnvironmentVariable, NullLogger.Instance, cancellationToken);
        });
        await local.AuditAsync(AuditActions.ConfigResetFromYaml, AuditTargets.Config, Path.GetFileName(path), after: view);
        return view;
    }

    private static void Print(CliContext context, ResetFromFileView view)
    {
        foreach (var warning in view.Warnings)
        {
            context.WriteWarning(warning);
        }

        context.WriteLine(
            $"Reset from the platforms file: platforms {view.PlatformsAdded} added, {view.PlatformsUpdated} updated, {view.PlatformsRemoved} removed; " +
            $"models {view.ModelsAdded} added, {view.ModelsRemoved} removed; {view.KeysAdded} keys added.");
        if (view.HostsChanged.Count > 0)
        {
            context.WriteLine($"Base URLs moved to a new host on: {string.Join(", ", view.HostsChanged)}; {view.UsersKeysDropped} users' keys for them were dropped.");
        }
    }
}
