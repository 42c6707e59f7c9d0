using Microsoft.Extensions.Options;

namespace Switchboard.Providers.Probing;

/// <summary>Rejects probe options that would make the probe useless or unbounded, and allowlist entries that do not parse.</summary>
internal sealed class ModelProbeOptionsValidator : IValidateOptions<ModelProbeOptions>
{
    private const int LargestResponseBytes = 64 * 1024 * 1024;
    private const int MostRedirects = 10;

    public ValidateOptionsResult Validate(string? name, ModelProbeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.Timeout <= TimeSpan.Zero || options.Timeout > TimeSpan.FromMinutes(5))
        {
            failures.Add($"{ModelProbeOptions.SectionName}:Timeout must be above zero and at most 5 minutes.");
        }

        if (options.MaxResponseBytes is < 1 or > LargestResponseBytes)
        {
            failures.Add($"{ModelProbeOptions.SectionName}:MaxResponseBytes must be between 1 and {LargestResponseBytes}.");
        }

        if (options.MaxRedirects is < 0 or > MostRedirects)
        {
            failures.Add($"{ModelProbeOptions.SectionName}:MaxRedirects must be between 0 and {MostRedirects}.");
        }

        foreach (var entry in options.AllowList)
        {
            if (!NetworkGuard.TryParseAllowListEntry(entry, out _, out var problem))
            {
                failures.Add($"{ModelProbeOptions.SectionName}:AllowList: {problem}");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
