using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Switchboard.Core.Usage;

namespace Switchboard.Hosting;

/// <summary>Reads <see cref="UsageOptions"/> from the <c>Switchboard:Usage</c> section when the host has a configuration.</summary>
/// <remarks>Read by hand because the configuration binder is not a dependency of the engine; embedders may also use <c>Configure&lt;UsageOptions&gt;</c>.</remarks>
internal sealed class UsageOptionsSetup(IConfiguration? configuration = null) : IConfigureOptions<UsageOptions>
{
    public void Configure(UsageOptions options)
    {
        var section = configuration?.GetSection(UsageOptions.SectionName);
        if (section is null)
        {
            return;
        }

        if (TimeSpan.TryParse(section["RawRetention"], CultureInfo.InvariantCulture, out var retention) && retention > TimeSpan.Zero)
        {
            options.RawRetention = retention;
        }

        if (TimeSpan.TryParse(section["MaintenanceInterval"], CultureInfo.InvariantCulture, out var interval) && interval >= TimeSpan.Zero)
        {
            options.MaintenanceInterval = interval;
        }

        if (TimeSpan.TryParse(section["WriteDelay"], CultureInfo.InvariantCulture, out var writeDelay) && writeDelay >= TimeSpan.Zero)
        {
            options.WriteDelay = writeDelay;
        }

        if (section["JournalPath"] is { Length: > 0 } path)
        {
            options.JournalPath = path;
        }

        if (section["WriteAheadLog"] is { Length: > 0 } walPath)
        {
            options.WriteAheadLogPath = walPath;
        }
    }
}
