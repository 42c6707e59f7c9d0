using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Switchboard.Core.Routing.Sharing;

namespace Switchboard.Hosting;

/// <summary>Reads <see cref="SharedStateOptions"/> from the <c>Switchboard:SharedState</c> section when the host has a configuration.</summary>
/// <remarks>Read by hand because the configuration binder is not a dependency of the engine; embedders may also use <c>Configure&lt;SharedStateOptions&gt;</c>.</remarks>
internal sealed class SharedStateOptionsSetup(IConfiguration? configuration = null) : IConfigureOptions<SharedStateOptions>
{
    public void Configure(SharedStateOptions options)
    {
        if (configuration?.GetSection(SharedStateOptions.SectionName)["PollInterval"] is { } text
            && TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var interval) && interval >= TimeSpan.Zero)
        {
            options.PollInterval = interval;
        }
    }
}
