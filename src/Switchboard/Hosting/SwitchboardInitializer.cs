using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Abstractions.Configuration;
using Switchboard.Abstractions.Providers;
using Switchboard.Abstractions.Storage;
using Switchboard.Core.Auth;
using Switchboard.Core.Configuration;
using Switchboard.Core.Secrets;

namespace Switchboard.Hosting;

/// <summary>Prepares the engine before the first request: migrates the database, checks the master key, seeds from the platforms file, sets the admin key and loads the first snapshot.</summary>
internal sealed partial class SwitchboardInitializer(
    ISwitchboardStore store,
    SwitchboardRuntime runtime,
    ApiKeyAuthenticator authenticator,
    IPlatformPresets presets,
    IOptions<SwitchboardOptions> options,
    ILogger<SwitchboardInitializer> logger) : IHostedService
{
    internal const string SeededAtSetting = "seeded_at";
    internal const string AdminKeyHashSetting = "admin_key_hash";
    private const string System = "system";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        await store.MigrateAsync(cancellationToken).ConfigureAwait(false);
        await VerifyMasterKeyAsync(cancellationToken).ConfigureAwait(false);
        await SeedAsync(settings, cancellationToken).ConfigureAwait(false);
        await SetUpAdminKeyAsync(settings, cancellationToken).ConfigureAwait(false);
        await runtime.LoadFullyAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task VerifyMasterKeyAsync(CancellationToken cancellationToken)
    {
        if (await MasterKeyCheck.VerifyAsync(store, runtime.Sealer, cancellationToken).ConfigureAwait(false) == MasterKeyVerificationOutcome.CreatedUnverified)
        {
            LogUnverifiedKey(logger);
        }
    }

    private async Task SeedAsync(SwitchboardOptions settings, CancellationToken cancellationToken)
    {
        var firstStart = await store.GetSettingAsync(SeededAtSetting, cancellationToken).ConfigureAwait(false) is null;
        if (settings.ConfigPath is { Length: > 0 } path)
        {
            var file = PlatformsFileLoader.Load(path, runtime.Sealer, presets, settings.GetEnvironmentVariable, logger);
            var result = await store.SeedAsync(file.Platforms, file.Catalog, SeedMode.AddMissing, cancellationToken).ConfigureAwait(false);
            LogSeeded(logger, path, result.PlatformsAdded, result.ModelsAdded, result.KeysAdded);
            if (firstStart)
            {
                foreach (var (name, value) in file.Settings)
                {
                    await store.SetSettingAsync(name, value, System, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        if (firstStart && settings.SeedDemoPlatform)
        {
            await store.SeedAsync([DemoPlatform.Seed], [], SeedMode.AddMissing, cancellationToken).ConfigureAwait(false);
        }

        if (firstStart)
        {
            await store.SetSettingAsync(SeededAtSetting, DateTimeOffset.UtcNow.ToString("O"), System, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task SetUpAdminKeyAsync(SwitchboardOptions settings, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(settings.AdminKey))
        {
            authenticator.SetAdminKeyHash(ApiKeyAuthenticator.Hash(settings.AdminKey));
            return;
        }

        var stored = await store.GetSettingAsync(AdminKeyHashSetting, cancellationToken).ConfigureAwait(false);
        if (stored is { Length: 64 })
        {
            authenticator.SetAdminKeyHash(Convert.FromHexString(stored));
            return;
        }

        var key = "sb-admin-" + VirtualKeyGenerator.Generate()[3..];
        await store.SetSettingAsync(AdminKeyHashSetting, ApiKeyAuthenticator.HashHex(key), System, cancellationToken).ConfigureAwait(false);
        authenticator.SetAdminKeyHash(ApiKeyAuthenticator.Hash(key));
        settings.OnAdminKeyGenerated?.Invoke(key);
        LogAdminKeyGenerated(logger);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied platforms file {Path}: {Platforms} platforms, {Models} models and {Keys} keys added.")]
    private static partial void LogSeeded(ILogger logger, string path, int platforms, int models, int keys);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sealed keys exist from before master key checks were stored; the master key could not be proven and a check value was created.")]
    private static partial void LogUnverifiedKey(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No SWITCHBOARD_ADMIN_KEY was set, so an admin key was generated and shown once on the console. Only its hash is stored.")]
    private static partial void LogAdminKeyGenerated(ILogger logger);
}
