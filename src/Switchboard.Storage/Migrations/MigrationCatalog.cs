namespace Switchboard.Storage.Migrations;

/// <summary>Lists every migration in the order it is applied.</summary>
/// <remarks>
/// Migrations are hand-written SQL, one script per database, rather than EF Core migrations:
/// Microsoft.EntityFrameworkCore.Design (and DbUp, FluentMigrator, Evolve) do not restore on this project's
/// machines, and we want full control of each dialect (STRICT tables and exact TEXT decimals in SQLite,
/// NUMERIC and timestamptz in PostgreSQL) plus PostgreSQL's binary COPY for usage batches, which an ORM
/// would hide. Rules: never edit a released migration; add a new one with the next version. Each one runs
/// in its own transaction together with its <c>schema_migrations</c> row, so a failure leaves no half-applied step.
/// </remarks>
internal static class MigrationCatalog
{
    /// <summary>Gets every migration, ordered by version.</summary>
    public static IReadOnlyList<Migration> All { get; } =
    [
        M0001InitialSchema.Migration,
        M0002UsageByCatalogModel.Migration,
        M0003UsageHourly.Migration,
        M0004Alerts.Migration,
        M0005Tenancy.Migration,
        M0006RoutingLog.Migration,
        M0007Catalog.Migration,
        M0008Audit.Migration,
        M0009ConfigVersion.Migration,
        M0010Prices.Migration,
        M0011Idempotency.Migration,
        M0012RuntimeMarks.Migration,
        M0013LimitHolds.Migration,
        M0014ClientProtocol.Migration,
        M0015StoredResponses.Migration,
        M0016ResponseCache.Migration,
        M0017ConfigChanges.Migration,
        M0018UsageRollupsCurrent.Migration,
    ];

    /// <summary>Gets the newest version this build knows.</summary>
    public static int LatestVersion => All[^1].Version;
}
