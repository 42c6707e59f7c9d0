using Microsoft.Extensions.Logging;
using Switchboard.Abstractions.Idempotency;
using Switchboard.Abstractions.Pricing;
using Switchboard.Abstractions.Storage;
using Switchboard.Storage.Audit;
using Switchboard.Storage.Catalog;
using Switchboard.Storage.Configuration;
using Switchboard.Storage.Idempotency;
using Switchboard.Storage.Internal;
using Switchboard.Storage.KeyQuotas;
using Switchboard.Storage.Limits;
using Switchboard.Storage.Migrations;
using Switchboard.Storage.PlatformKeys;
using Switchboard.Storage.Pricing;
using Switchboard.Storage.Responses;
using Switchboard.Storage.RoutingLog;
using Switchboard.Storage.RuntimeMarks;
using Switchboard.Storage.Tenancy;
using Switchboard.Storage.Usage;

namespace Switchboard.Storage;

/// <summary>Opens one SQLite or PostgreSQL database and hands out one store per interface over its connections; create it with <see cref="SwitchboardStorage.Create"/>.</summary>
/// <remarks>
/// Owns the connections (pooled, closed by <see cref="DisposeAsync"/>) and the schema migrations; each store is its own
/// class sharing them, so no class implements more than one store interface. Thread-safe and meant to be a singleton:
/// every call opens its own pooled connection and transaction.
/// </remarks>
public sealed class SwitchboardDatabase : IAsyncDisposable, IDisposable
{
    private readonly Dialect _dialect;
    private int _disposed;

    internal SwitchboardDatabase(Dialect dialect, ILogger logger, TimeProvider timeProvider)
    {
        _dialect = dialect;
        Migrations = new MigrationRunner(dialect, logger, timeProvider);
        Configuration = new ConfigurationStore(dialect, Migrations, logger, timeProvider);
        Tenancy = new TenancyStore(dialect, timeProvider);
        Limits = new LimitStore(dialect);
        Usage = new UsageStore(dialect, logger);
        UsageRecords = new UsageRecordStore(dialect);
        UsageOverview = new UsageOverviewStore(dialect);
        Audit = new AuditStore(dialect);
        Catalog = new CatalogStore(dialect);
        KeyQuotas = new KeyQuotaStore(dialect);
        PlatformKeys = new PlatformKeyStore(dialect);
        Prices = new PriceStore(dialect);
        RoutingLog = new RoutingLogStore(dialect);
        RuntimeMarks = new RuntimeMarkStore(dialect);
        Idempotency = new IdempotencyStore(dialect);
        Responses = new ResponseStore(dialect, timeProvider);
        logger.Opened(dialect.ProviderName, dialect.SafeDescription);
    }

    /// <summary>Gets the provider name: <c>sqlite</c> or <c>postgres</c>.</summary>
    public string ProviderName => _dialect.ProviderName;

    /// <summary>Gets the configuration store: platforms, catalog, settings, seeding and virtual keys.</summary>
    public ISwitchboardStore Configuration { get; }

    /// <summary>Gets the store of users, slots, private platforms and users' keys.</summary>
    public ITenancyStore Tenancy { get; }

    /// <summary>Gets the store of budget and rate-limit counters.</summary>
    public ILimitStore Limits { get; }

    /// <summary>Gets the store of usage records, their rollups and alerts.</summary>
    public IUsageStore Usage { get; }

    /// <summary>Gets the store that lists usage records one by one.</summary>
    public IUsageRecordStore UsageRecords { get; }

    /// <summary>Gets the store that sums and ranks usage for the overview.</summary>
    public IUsageOverviewStore UsageOverview { get; }

    /// <summary>Gets the audit log store.</summary>
    public IAuditStore Audit { get; }

    /// <summary>Gets the store of catalog admin changes.</summary>
    public ICatalogStore Catalog { get; }

    /// <summary>Gets the store of upstream keys' quotas and counters.</summary>
    public IKeyQuotaStore KeyQuotas { get; }

    /// <summary>Gets the store that changes upstream keys one at a time.</summary>
    public IPlatformKeyStore PlatformKeys { get; }

    /// <summary>Gets the store of platform models' provider prices.</summary>
    public IPriceStore Prices { get; }

    /// <summary>Gets the routing log store.</summary>
    public IRoutingLogStore RoutingLog { get; }

    /// <summary>Gets the store of runtime marks replicas share.</summary>
    public IRuntimeMarkStore RuntimeMarks { get; }

    /// <summary>Gets the store of idempotency keys.</summary>
    public IIdempotencyStore Idempotency { get; }

    /// <summary>Gets the store of OpenAI Responses API responses kept for <c>previous_response_id</c> and retrieval.</summary>
    public IResponseStore Responses { get; }

    /// <summary>Gets the migration runner, for tests that stop at an older version.</summary>
    internal MigrationRunner Migrations { get; }

    /// <summary>Gets the dialect, for tests that inspect the database directly.</summary>
    internal Dialect Dialect => _dialect;

    /// <summary>Creates the database if needed and applies every pending migration; safe to call from several processes at once.</summary>
    public Task MigrateAsync(CancellationToken cancellationToken) =>
        Migrations.MigrateAsync(MigrationCatalog.LatestVersion, cancellationToken);

    /// <summary>Reads the schema version the database is at (0 for an empty one).</summary>
    public Task<int> GetSchemaVersionAsync(CancellationToken cancellationToken) => Migrations.GetVersionAsync(cancellationToken);

    /// <summary>Closes pooled connections.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            await _dialect.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Closes pooled connections.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
