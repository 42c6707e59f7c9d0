using Microsoft.Extensions.Logging;
using Switchboard.Abstractions.Providers;
using Switchboard.Abstractions.Storage;
using Switchboard.Core.Routing;
using Switchboard.Core.Secrets;
using Switchboard.Core.Tenancy;

namespace Switchboard.Hosting;

/// <summary>Rebuilds the routing snapshot from storage and swaps it in; called at startup and after every configuration change.</summary>
/// <remarks>Reloads are serialised so two changes never race to swap an older snapshot over a newer one.</remarks>
public sealed class SwitchboardRuntime : IDisposable
{
    private readonly ISwitchboardStore _store;
    private readonly SnapshotHolder _snapshots;
    private readonly SnapshotBuilder _builder;
    private readonly SemaphoreSlim _reloadLock = new(1, 1);
    private long _version;

    internal SwitchboardRuntime(ISwitchboardStore store, SnapshotHolder snapshots, IEnumerable<IProviderKind> providers, IPlatformPresets presets, SecretSealer sealer, ILogger<SwitchboardRuntime> logger, TenancyOptions? tenancyOptions = null)
    {
        _store = store;
        _snapshots = snapshots;
        Sealer = sealer;
        _builder = new SnapshotBuilder(providers, presets, Unseal, logger, tenancyOptions);
    }

    /// <summary>Gets the sealer built from the master key.</summary>
    public SecretSealer Sealer { get; }

    /// <summary>Gets the version of the snapshot in use: a count of this process's reloads.</summary>
    public long Version => _snapshots.Current.Version;

    /// <summary>Gets the database's configuration version the snapshot in use was built from; replicas that agree show the same number.</summary>
    public long ConfigVersion => _snapshots.Current.ConfigVersion;

    /// <summary>Reads the configuration from storage and swaps in a new snapshot.</summary>
    public async Task ReloadAsync(CancellationToken cancellationToken = default)
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

    /// <summary>Reloads unless the snapshot in use was built from <paramref name="databaseVersion"/>; returns true when it reloaded.</summary>
    /// <remarks>
    /// Any difference reloads, a lower version too (a database restored from a backup). The check is repeated under the
    /// reload lock, so a change this process made and already reloaded for is not loaded a second time.
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

            await LoadAndSwapAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        finally
        {
            _reloadLock.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _reloadLock.Dispose();

    private async Task LoadAndSwapAsync(CancellationToken cancellationToken)
    {
        var data = await _store.LoadAsync(cancellationToken).ConfigureAwait(false);
        _snapshots.Swap(_builder.Build(data, Interlocked.Increment(ref _version)));
    }

    private string? Unseal(string sealedValue, string ownerUserId, string platformName) =>
        Sealer.TryUnseal(sealedValue, SecretContexts.PlatformKey(ownerUserId, platformName), out var plain) ? plain : null;
}
