using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Switchboard.Hosting;

/// <summary>Reads <see cref="ReplicaOptions"/> from the <c>Switchboard:Replicas</c> section when the host has a configuration.</summary>
/// <remarks>Read by hand because the configuration binder is not a dependency of the engine; embedders may also use <c>Configure&lt;ReplicaOptions&gt;</c>.</remarks>
internal sealed class ReplicaOptionsSetup(IConfiguration? configuration = null) : IConfigureOptions<ReplicaOptions>
{
    public void Configure(ReplicaOptions options)
    {
        var section = configuration?.GetSection(ReplicaOptions.SectionName);
        if (section is null)
        {
            return;
        }

        if (bool.TryParse(section["Enabled"], out var enabled))
        {
            options.Enabled = enabled;
        }

        if (TimeSpan.TryParse(section["PollInterval"], CultureInfo.InvariantCulture, out var interval) && interval > TimeSpan.Zero)
        {
            options.PollInterval = interval;
        }

        if (TimeSpan.TryParse(section["CoalesceDelay"], CultureInfo.InvariantCulture, out var delay) && delay >= TimeSpan.Zero)
        {
            options.CoalesceDelay = delay;
        }
    }
}
