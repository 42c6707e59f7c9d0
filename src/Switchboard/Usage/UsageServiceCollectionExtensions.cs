using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Abstractions.Storage;
using Switchboard.Core.Usage;
using Switchboard.Hosting;

namespace Switchboard.Usage;

/// <summary>Registers usage accounting: the queue requests write to, its write-ahead log and journal, the writer and the roll-up and purge.</summary>
internal static class UsageServiceCollectionExtensions
{
    /// <summary>Adds <see cref="UsageOptions"/>, the <see cref="UsageQueue"/> as <see cref="IUsageSink"/>, and the usage writer and maintenance as hosted services.</summary>
    public static IServiceCollection AddUsage(this IServiceCollection services)
    {
        services.AddOptions<UsageOptions>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<UsageOptions>, UsageOptionsSetup>());
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<UsageOptions>>().Value.WriteAheadLogPath is { } walPath && UsageOptions.IsOff(walPath)
            ? new UsageQueue()
            : new UsageQueue(log: new UsageWriteAheadLog(
                sp.GetRequiredService<IOptions<UsageOptions>>().Value.WriteAheadLogPath
                    ?? Path.Combine(sp.GetRequiredService<IOptions<SwitchboardOptions>>().Value.KeyDirectory, "usage-wal"),
                sp.GetRequiredService<ILogger<UsageWriteAheadLog>>())));
        services.TryAddSingleton<IUsageSink>(sp => sp.GetRequiredService<UsageQueue>());
        services.TryAddSingleton(sp => new UsageJournal(
            sp.GetRequiredService<IOptions<UsageOptions>>().Value.JournalPath
                ?? Path.Combine(sp.GetRequiredService<IOptions<SwitchboardOptions>>().Value.KeyDirectory, "usage-journal.jsonl"),
            sp.GetRequiredService<ILogger<UsageJournal>>()));
        services.TryAddSingleton(sp => new UsageWriterService(
            sp.GetRequiredService<UsageQueue>(), sp.GetRequiredService<IUsageStore>(), sp.GetRequiredService<UsageJournal>(), sp.GetRequiredService<ILogger<UsageWriterService>>())
        {
            WriteDelay = sp.GetRequiredService<IOptions<UsageOptions>>().Value.WriteDelay,
        });
        services.AddHostedService(sp => sp.GetRequiredService<UsageWriterService>());

        // Stored Responses API responses expire on the same maintenance loop that purges raw usage.
        services.TryAddSingleton(sp => new UsageMaintenanceService(
            sp.GetRequiredService<IUsageStore>(), sp.GetRequiredService<IOptions<UsageOptions>>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<UsageMaintenanceService>>(),
            sp.GetService<IResponseStore>()));
        services.AddHostedService(sp => sp.GetRequiredService<UsageMaintenanceService>());
        return services;
    }
}
