using Microsoft.Extensions.Logging;
using Switchboard.Abstractions.Providers;
using Switchboard.Abstractions.Storage;
using Switchboard.Core.Routing;
using Switchboard.Core.Secrets;
using Switchboard.Core.Tenancy;

namespace Switchboard.Hosting;

/// <summary>Keeps the routing snapshot at the database's configuration version: applies recorded changes entry by entry, or loads everything when it must.</summary>
/// <remarks>
/// Called at startup, after every configuration change this process makes, and by <see cref="ConfigVersionWatcher"/>
/// for changes made elsewhere. A change a writer recorded (a virtual key, a user, a setting, the catalog or prices) is
/// applied to a new snapshot that shares everything else, so its cost follows the change and not the number of keys
/// or users; a version no recorded change covers, or a kind this build does not know, loads the whole configuration.
/// Reloads are serialised so two changes never race to swap an older snapshot over a newer one.
/// </remarks>
public sealed partial class SwitchboardRuntime : IDisposable
{
    private readonly ISwitchboardStore _store;
    private readonly SnapshotHolder _snapshots;
    private readonly SnapshotBuilder _builder;
    private readonly SemaphoreSlim _reloadLock = new(1, 1);
    private long _version;
    private long _fullLoads;
    private long _appliedChanges;
    private readonly ILogger<SwitchboardRuntime> _logger;

    internal SwitchboardRuntime(ISwitchboardStore store, SnapshotHolder snapshots, IEnumerable<IProviderKind> providers, IPlatformPresets presets, SecretSealer sealer, ILogger<SwitchboardRuntime> logger, TenancyOptions? tenancyOptions = null)
    {
        _store = store;
        _snapshots = snapshots;
        _logger = logger;
        Sealer = sealer;
        _builder = new SnapshotBuilder(providers, presets, Unseal, logger, tenancyOptions);
    }

    /// <summary>Gets the sealer built from the master key.</summary>
    public SecretSealer Sealer { get; }

    /// <summary>Gets the version of the snapshot in use: a count of this process's reloads.</summary>
    public long Version => _snapshots.Current.Version;

    /// <summary>Gets the database's configuration version the snapshot in use was built from; replicas that agree show the same number.</summary>
    public long ConfigVersion => _snapshots.Current.ConfigVersion;

    /// <summary>Gets how many times this process loaded the whole configuration.</summary>
    public long FullLoads => Interlocked.Read(ref _fullLoads);

    /// <summary>Gets how many times this process applied recorded changes instead of loading everything.</summary>
    public long AppliedChanges => Interlocked.Read(ref _appliedChanges);

    /// <summary>Brings the snapshot to the database's configuration version, applying the recorded changes when it can.</summary>
    public async Task ReloadAsync(CancellationToken cancellationToken = default)
    {
        await _reloadLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await CatchUpAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _reloadLock.Release();
        }
    }

    /// <summary>Reads the whole configuration from storage and swaps in a new snapshot (startup, forced reload).</summary>
    public async Task LoadFullyAsync(CancellationToken cancellationToken = default)
    {
        await _reloadLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await LoadAndSwapAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _reloadLock.Release();
        }
    }

    /// <summary>Catches up unless the snapshot in use was built from <paramref name="databaseVersion"/>; returns true when it changed the snapshot.</summary>
    /// <remarks>
    /// Any difference catches up, a lower version too (a database restored from a backup, which loads everything). The
    /// check is repeated under the reload lock, so a change this process made and already applied is not applied twice.
    /// </remarks>
    internal async Task<bool> ReloadIfChangedAsync(long databaseVersion, CancellationToken cancellationToken)
    {
        if (databaseVersion == ConfigVersion)
        {
            return false;
        }

        await _reloadLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (databaseVersion == ConfigVersion)
            {
                return false;
            }

            await CatchUpAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        finally
        {
            _reloadLock.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _reloadLock.Dispose();

    private async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        var current = _snapshots.Current;
        var delta = current.ConfigVersion == 0 ? null : await _store.LoadChangesAsync(current.ConfigVersion, cancellationToken).ConfigureAwait(false);
        if (delta is null)
        {
            await LoadAndSwapAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        if (delta.ToVersion != current.ConfigVersion)
        {
            _snapshots.Swap(_builder.Apply(current, delta, Interlocked.Increment(ref _version)));
            Interlocked.Increment(ref _appliedChanges);
            LogApplied(_logger, current.ConfigVersion, delta.ToVersion, delta.VirtualKeyIds.Count, delta.UserIds.Count, delta.Settings is not null, delta.Catalog is not null);
        }
    }

    private async Task LoadAndSwapAsync(CancellationToken cancellationToken)
    {
        var before = _snapshots.Current.ConfigVersion;
        var data = await _store.LoadAsync(cancellationToken).ConfigureAwait(false);
        _snapshots.Swap(_builder.Build(data, Interlocked.Increment(ref _version)));
        Interlocked.Increment(ref _fullLoads);
        LogLoadedInFull(_logger, before, data.ConfigVersion, data.VirtualKeys.Count, data.Tenancy.Users.Count);
    }

    private string? Unseal(string sealedValue, string ownerUserId, string platformName) =>
        Sealer.TryUnseal(sealedValue, SecretContexts.PlatformKey(ownerUserId, platformName), out var plain) ? plain : null;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Configuration version {Before} -> {After}: applied recorded changes ({Keys} virtual keys, {Users} users, settings {Settings}, catalog {Catalog}).")]
    private static partial void LogApplied(ILogger logger, long before, long after, int keys, int users, bool settings, bool catalog);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Configuration version {Before} -> {After}: loaded in full ({Keys} virtual keys, {Users} users).")]
    private static partial void LogLoadedInFull(ILogger logger, long before, long after, int keys, int users);
}
