using Switchboard.Abstractions.Configuration;
using Switchboard.Abstractions.Providers;
using Switchboard.Abstractions.Storage;
using Switchboard.Core.Configuration;
using Switchboard.Core.Secrets;

namespace Switchboard.Server.Admin;

/// <summary>Makes system platforms, their server keys, models and the catalog match the platforms file: the forced reset, for the admin route and the CLI.</summary>
internal static class PlatformsFileReset
{
    /// <summary>Reads the file, then applies it in one transaction; users' own keys are kept unless their platform's base URL moved to a new host.</summary>
    /// <exception cref="ConfigurationFileException">The file has a mistake; nothing was changed.</exception>
    public static async Task<ResetFromFileView> ApplyAsync(
        string path, ISwitchboardStore store, SecretSealer sealer, IPlatformPresets presets, Func<string, string?> getEnvironmentVariable, ILogger logger, CancellationToken cancellationToken)
    {
        var file = PlatformsFileLoader.Load(path, sealer, presets, getEnvironmentVariable, logger);
        var result = await store.SeedAsync(file.Platforms, file.Catalog, SeedMode.Reset, cancellationToken);
        return ResetFromFileView.From(result, file.Warnings);
    }
}
