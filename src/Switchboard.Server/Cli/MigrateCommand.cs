using System.CommandLine;
using Switchboard.Storage;

namespace Switchboard.Server.Cli;

/// <summary><c>migrate</c>: creates the database when there is none and brings its schema to this build's version.</summary>
/// <remarks>
/// Local only: a gateway migrates its own database when it starts. Running it before a rollout upgrades a shared
/// PostgreSQL database once, under the same migration lock the gateways take.
/// </remarks>
internal static class MigrateCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("migrate", "Create the database if needed and apply every pending schema migration (local database only).");
        CliAction.Set(command, context, async (parse, cancellationToken) =>
        {
            await using var local = LocalGateway.Create(context);
            var latest = SwitchboardStorage.LatestSchemaVersion;
            var (before, after) = await CliProgress.RunAsync(context, $"Opening {local.Database.Description}", async step =>
            {
                var store = local.Get<SwitchboardDatabase>();
                var current = await store.GetSchemaVersionAsync(cancellationToken);
                if (current < latest)
                {
                    step($"Applying migrations {current + 1} to {latest}");
                }

                await store.MigrateAsync(cancellationToken);
                return (current, await store.GetSchemaVersionAsync(cancellationToken));
            });
            if (after > latest)
            {
                context.WriteWarning($"the schema is at version {after}, newer than this build's {latest}: a newer Switchboard wrote it.");
            }

            context.WriteLine(before == after
                ? $"The schema is up to date at version {after} ({local.Database.Description})."
                : $"Migrated the schema from version {before} to {after} ({after - before} migrations) in {local.Database.Description}.");
            return CliExitCodes.Success;
        });
        return command;
    }
}
