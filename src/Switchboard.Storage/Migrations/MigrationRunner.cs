using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Switchboard.Storage.Internal;
using Switchboard.Storage.Usage;

namespace Switchboard.Storage.Migrations;

/// <summary>Applies pending migrations, one transaction each, safely when several processes start at once.</summary>
internal sealed class MigrationRunner(Dialect dialect, ILogger logger, TimeProvider timeProvider)
{
    private const string AppliedVersionsSql = "SELECT COALESCE(MAX(version), 0) FROM schema_migrations";

    /// <summary>Applies every migration up to <paramref name="targetVersion"/> that is not applied yet.</summary>
    /// <remarks>Each step re-reads the applied version under the migration lock, so a concurrent runner's work is never repeated.</remarks>
    public async Task MigrateAsync(int targetVersion, CancellationToken cancellationToken)
    {
        var applied = 0;
        foreach (var migration in MigrationCatalog.All)
        {
            if (migration.Version > targetVersion)
            {
                break;
            }

            await using var session = await dialect.BeginAsync(readOnly: false, cancellationToken).ConfigureAwait(false);
            await dialect.LockAsync(session, AdvisoryLocks.Migrations, cancellationToken).ConfigureAwait(false);
            await session.ExecuteAsync(dialect.CreateMigrationsTableSql, cancellationToken).ConfigureAwait(false);
            var current = (int)await session.ScalarInt64Async(AppliedVersionsSql, cancellationToken).ConfigureAwait(false);
            if (current >= migration.Version)
            {
                await session.CommitAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (current != migration.Version - 1)
            {
                throw new InvalidOperationException(
                    $"Schema is at version {current} but the next migration is {migration.Version}; migrations must be consecutive.");
            }

            var started = Stopwatch.GetTimestamp();
            SqliteUsageFunctions.Register(session); // the exact decimal sums a usage backfill needs on SQLite
            await session.ExecuteAsync(dialect.MigrationSql(migration), cancellationToken).ConfigureAwait(false);
            await session.ExecuteAsync(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@version, @name, @applied_at)",
                cancellationToken,
                ("@version", migration.Version),
                ("@name", migration.Name),
                ("@applied_at", dialect.Time(timeProvider.GetUtcNow()))).ConfigureAwait(false);
            await session.CommitAsync(cancellationToken).ConfigureAwait(false);
            applied++;
            var elapsedMs = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            logger.MigrationApplied(migration.Version, migration.Name, elapsedMs);
        }

        if (applied == 0)
        {
            var current = await GetVersionAsync(cancellationToken).ConfigureAwait(false);
            if (current > MigrationCatalog.LatestVersion)
            {
                logger.SchemaNewerThanBuild(current, MigrationCatalog.LatestVersion);
            }
            else
            {
                logger.SchemaUpToDate(current);
            }
        }
    }

    /// <summary>Gets the highest applied version, or 0 for an empty database.</summary>
    public async Task<int> GetVersionAsync(CancellationToken cancellationToken)
    {
        await using var session = await dialect.BeginAsync(readOnly: true, cancellationToken).ConfigureAwait(false);
        if (await session.ScalarInt64Async(dialect.MigrationsTableExistsSql, cancellationToken).ConfigureAwait(false) == 0)
        {
            return 0;
        }

        return (int)await session.ScalarInt64Async(AppliedVersionsSql, cancellationToken).ConfigureAwait(false);
    }
}
