using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using Switchboard.Abstractions.Providers;
using Switchboard.Core.Configuration;
using Switchboard.Core.Secrets;
using Switchboard.Hosting;
using Switchboard.Storage;

namespace Switchboard.Server.Cli.Check;

/// <summary>Checks what the gateway needs to start, on this machine: the database, the master key, the stored keys and the platforms file.</summary>
/// <remarks>
/// Read-only: a fresh install stays untouched (no database file, no data directory, no generated master key), and
/// nothing is migrated, seeded or stored. Each check runs even when an earlier one failed, so one run shows everything.
/// </remarks>
internal static class LocalChecks
{
    private const string DatabaseCheck = "database";
    private const string MasterKeyCheckName = "master key";
    private const string SealedKeysCheck = "sealed keys";
    private const string PlatformsFileCheck = "platforms file";

    /// <summary>The longest the database may take to answer.</summary>
    private static readonly TimeSpan DatabaseTimeout = TimeSpan.FromSeconds(15);

    public static async Task<IReadOnlyList<CheckLine>> RunAsync(LocalGateway local, Action<string> step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(step);
        step($"Reaching {local.Database.Description}");
        var (database, store) = await CheckDatabaseAsync(local, cancellationToken);
        step("Proving the master key");
        var (masterKey, key) = await CheckMasterKeyAsync(local.Options, store, cancellationToken);
        step("Opening the stored keys");
        var sealedKeys = await CheckSealedKeysAsync(store, key, cancellationToken);
        step("Reading the platforms file");
        var file = CheckPlatformsFile(local.Options, key, local.Get<IPlatformPresets>());
        return [database, masterKey, sealedKeys, file];
    }

    private static async Task<(CheckLine Line, Store? Store)> CheckDatabaseAsync(LocalGateway local, CancellationToken cancellationToken)
    {
        var where = local.Database.Description;
        if (!local.Database.Exists)
        {
            return (CheckLine.Pass(DatabaseCheck, $"none yet: the first start creates {where}."), null);
        }

        var database = local.Get<SwitchboardDatabase>();
        int version;
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            timeout.CancelAfter(DatabaseTimeout);
            try
            {
                version = await database.GetSchemaVersionAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return (CheckLine.Fail(DatabaseCheck, CliExitCodes.Database, $"{where} did not answer within {DatabaseTimeout.TotalSeconds:0} s."), null);
            }
#pragma warning disable CA1031 // Whatever stops the database from answering is this check's finding, reported by its message.
            catch (Exception e)
#pragma warning restore CA1031
            {
                return (CheckLine.Fail(DatabaseCheck, CliExitCodes.Database, $"{where} cannot be read: {e.Message}"), null);
            }
        }

        var latest = SwitchboardStorage.LatestSchemaVersion;
        return version switch
        {
            0 => (CheckLine.Pass(DatabaseCheck, $"{where} is empty: the first start (or `migrate`) creates the schema."), null),
            _ when version < latest => (CheckLine.Warn(DatabaseCheck,
                $"{where}: schema version {version}, this build's is {latest}: the next start (or `migrate`) applies {latest - version} migrations."), new Store(database, Current: false)),
            _ when version > latest => (CheckLine.Warn(DatabaseCheck,
                $"{where}: schema version {version} is newer than this build's {latest}: a newer Switchboard wrote it."), new Store(database, Current: false)),
            _ => (CheckLine.Pass(DatabaseCheck, $"{where}: reachable, schema version {version}."), new Store(database, Current: true)),
        };
    }

    private static async Task<(CheckLine Line, MasterKeyResolution? Key)> CheckMasterKeyAsync(SwitchboardOptions options, Store? store, CancellationToken cancellationToken)
    {
        MasterKeyResolution? key;
        try
        {
            key = MasterKeyResolver.TryResolveExisting(options.KeyDirectory, options.GetEnvironmentVariable);
        }
        catch (InvalidOperationException e)
        {
            return (CheckLine.Fail(MasterKeyCheckName, CliExitCodes.MasterKey, e.Message), null);
        }

        var storedCheck = store is null ? null : await store.Database.Configuration.GetSettingAsync(MasterKeyVerifier.CheckSettingName, cancellationToken);
        var sealedData = store is not null && await store.Database.Configuration.HasSealedSecretsAsync(cancellationToken);
        if (key is null)
        {
            var path = MasterKeyResolver.KeyFilePath(options.KeyDirectory);
            return storedCheck is not null || sealedData
                ? (CheckLine.Fail(MasterKeyCheckName, CliExitCodes.MasterKey,
                    $"not set: {MasterKeyResolver.EnvironmentVariable} (or {MasterKeyResolver.AliasEnvironmentVariable}) is unset and there is no key file at {path}, " +
                    "but the database holds sealed data: give this machine the master key that sealed it."), null)
                : (CheckLine.Warn(MasterKeyCheckName, $"not set: the first start generates {path}. Set {MasterKeyResolver.EnvironmentVariable} in production."), null);
        }

        if (store is null)
        {
            return (CheckLine.Pass(MasterKeyCheckName, $"from {key.DescribeSource()}; nothing is stored yet to prove it against."), key);
        }

        try
        {
            var outcome = MasterKeyVerifier.Verify(new SecretSealer(key.Key), storedCheck, sealedData, key).Outcome;
            return (outcome switch
            {
                MasterKeyVerificationOutcome.Verified => CheckLine.Pass(MasterKeyCheckName, $"from {key.DescribeSource()}; it is the key that sealed the stored data."),
                MasterKeyVerificationOutcome.CreatedUnverified => CheckLine.Warn(MasterKeyCheckName,
                    $"from {key.DescribeSource()}; sealed keys exist from before check values were stored, so only opening them (below) proves it."),
                _ => CheckLine.Pass(MasterKeyCheckName, $"from {key.DescribeSource()}; nothing is sealed yet."),
            }, key);
        }
        catch (InvalidOperationException e)
        {
            return (CheckLine.Fail(MasterKeyCheckName, CliExitCodes.MasterKey, e.Message), key);
        }
    }

    private static async Task<CheckLine> CheckSealedKeysAsync(Store? store, MasterKeyResolution? key, CancellationToken cancellationToken)
    {
        if (store is null)
        {
            return CheckLine.Skip(SealedKeysCheck, "no database yet.");
        }

        if (!store.Current)
        {
            return CheckLine.Skip(SealedKeysCheck, "the schema is not this build's: run `migrate` (or start the gateway) first.");
        }

        if (key is null)
        {
            return CheckLine.Skip(SealedKeysCheck, "no master key to open them with.");
        }

        var data = await store.Database.Configuration.LoadAsync(cancellationToken);
        var platforms = data.Platforms.ToDictionary(p => p.Id, p => p.Name);
        var sealer = new SecretSealer(key.Key);
        var broken = data.Keys
            .Where(k => !platforms.TryGetValue(k.PlatformId, out var platform) || !sealer.TryUnseal(k.SealedValue, SecretContexts.PlatformKey(k.OwnerUserId, platform), out _))
            .ToList();
        if (data.Keys.Count == 0)
        {
            return CheckLine.Pass(SealedKeysCheck, "none stored.");
        }

        if (broken.Count == 0)
        {
            return CheckLine.Pass(SealedKeysCheck, $"all {data.Keys.Count} stored upstream keys open.");
        }

        var named = broken.Take(5).Select(k => $"key {k.Id} ({k.Masked}) of platform {platforms.GetValueOrDefault(k.PlatformId, "?")}, owner {k.OwnerUserId}");
        return CheckLine.Fail(SealedKeysCheck, CliExitCodes.SealedKeys,
            $"{broken.Count} of {data.Keys.Count} stored upstream keys cannot be opened with this master key: {string.Join("; ", named)}{(broken.Count > 5 ? "; …" : string.Empty)}. " +
            "The gateway skips them: store them again, or restore the master key that sealed them.");
    }

    private static CheckLine CheckPlatformsFile(SwitchboardOptions options, MasterKeyResolution? key, IPlatformPresets presets)
    {
        var path = options.ConfigPath;
        if (string.IsNullOrEmpty(path))
        {
            return CheckLine.Pass(PlatformsFileCheck, "none configured (SWITCHBOARD_CONFIG is unset).");
        }

        if (!File.Exists(path))
        {
            return CheckLine.Fail(PlatformsFileCheck, CliExitCodes.PlatformsFile, $"no file at {Path.GetFullPath(path)}.");
        }

        // Without a master key no ENC: value can open, which is the finding; a throwaway key lets the rest be checked.
        var sealer = new SecretSealer(key?.Key ?? Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        PlatformsFile file;
        try
        {
            file = PlatformsFileLoader.Load(path, sealer, presets, options.GetEnvironmentVariable, NullLogger.Instance);
        }
        catch (ConfigurationFileException e)
        {
            return CheckLine.Fail(PlatformsFileCheck, CliExitCodes.PlatformsFile, e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return CheckLine.Fail(PlatformsFileCheck, CliExitCodes.PlatformsFile, $"{path} cannot be read: {e.Message}");
        }

        var summary = $"{path}: {file.Platforms.Count} platforms, {file.Platforms.Sum(p => p.Models.Count)} models, " +
            $"{file.Platforms.Sum(p => p.Keys.Count)} keys, {file.Catalog.Count} catalog models.";
        return file.Warnings.Count == 0
            ? CheckLine.Pass(PlatformsFileCheck, summary)
            : CheckLine.Warn(PlatformsFileCheck, summary + "\n" + string.Join('\n', file.Warnings));
    }

    /// <summary>The database when it has a schema, and whether that schema is this build's (so every read is safe).</summary>
    private sealed record Store(SwitchboardDatabase Database, bool Current);
}
