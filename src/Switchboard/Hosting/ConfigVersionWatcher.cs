using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Abstractions.Storage;

namespace Switchboard.Hosting;

/// <summary>
/// Keeps this process's routing snapshot at the database's configuration version, so a change made on one replica
/// (or by the CLI, or by hand in SQL) reaches every replica: on PostgreSQL as soon as it is announced, and on both
/// databases at the latest one check interval later.
/// </summary>
/// <remarks>
/// Runs on its own loop and never on a request's path. When the database cannot be reached, the loop logs once, backs
/// off and retries, and the snapshot in use keeps serving; on reconnecting it reads the version at once, so a change
/// made while it was away is not missed.
/// </remarks>
internal sealed partial class ConfigVersionWatcher(
    ISwitchboardStore store,
    SwitchboardRuntime runtime,
    IOptions<ReplicaOptions> options,
    TimeProvider time,
    ILogger<ConfigVersionWatcher> logger) : BackgroundService
{
    private static readonly TimeSpan MinimumPollInterval = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan MaximumRetryDelay = TimeSpan.FromSeconds(5);

    /// <summary>The longest a burst of changes may hold a reload back, so every change is still served within a second.</summary>
    private static readonly TimeSpan MaximumCoalesce = TimeSpan.FromMilliseconds(500);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }

        await Task.Yield(); // the host's start must not wait for a database connection
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var feed = await store.OpenConfigVersionFeedAsync(stoppingToken).ConfigureAwait(false);
                var interval = settings.PollInterval ?? (feed.AnnouncesChanges ? ReplicaOptions.DefaultPostgresPollInterval : ReplicaOptions.DefaultSqlitePollInterval);
                interval = interval < MinimumPollInterval ? MinimumPollInterval : interval;

                // Whatever changed before the feed was listening (since startup, or while it was away) is caught here.
                var version = await feed.ReadVersionAsync(stoppingToken).ConfigureAwait(false);
                await FollowAsync(feed, version, coalesce: false, stoppingToken).ConfigureAwait(false);
                if (failures > 0)
                {
                    LogRecovered(logger, failures, runtime.ConfigVersion);
                    failures = 0;
                }
                else
                {
                    LogFollowing(logger, store.ProviderName, feed.AnnouncesChanges ? "announcements and checks" : "checks", interval.TotalMilliseconds);
                }

                while (true)
                {
                    if (await feed.WaitAsync(interval, stoppingToken).ConfigureAwait(false) is { } seen)
                    {
                        // A poll already gathers everything since the last one; only announcements come one commit at a time.
                        await FollowAsync(feed, seen, coalesce: feed.AnnouncesChanges, stoppingToken).ConfigureAwait(false);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                failures++;
                if (failures == 1)
                {
                    LogFailed(logger, runtime.ConfigVersion, ex);
                }
                else
                {
                    LogStillFailing(logger, failures, ex);
                }

                try
                {
                    await Task.Delay(RetryDelay(failures), time, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Gives the wait before attempt <paramref name="failures"/> + 1: 250 ms, doubling, at most 5 s.</summary>
    internal static TimeSpan RetryDelay(int failures)
    {
        var delay = FirstRetryDelay * Math.Pow(2, Math.Min(failures - 1, 8));
        return delay < MaximumRetryDelay ? delay : MaximumRetryDelay;
    }

    private async Task FollowAsync(IConfigVersionFeed feed, long databaseVersion, bool coalesce, CancellationToken cancellationToken)
    {
        var before = runtime.ConfigVersion;
        if (databaseVersion == before)
        {
            return; // this process made the change and has already reloaded, or nothing changed
        }

        if (coalesce)
        {
            databaseVersion = await SettleAsync(feed, databaseVersion, cancellationToken).ConfigureAwait(false);
        }

        if (await runtime.ReloadIfChangedAsync(databaseVersion, cancellationToken).ConfigureAwait(false))
        {
            LogReloaded(logger, before, runtime.ConfigVersion);
        }
    }

    /// <summary>
    /// Waits while announcements keep coming, until <see cref="ReplicaOptions.CoalesceDelay"/> passes without one or
    /// <see cref="MaximumCoalesce"/> has passed in all; returns the last version seen.
    /// </summary>
    /// <remarks>Changes come in bursts (one admin action is often several commits, a script makes dozens): one reload after the burst covers them all.</remarks>
    private async Task<long> SettleAsync(IConfigVersionFeed feed, long seen, CancellationToken cancellationToken)
    {
        var quiet = options.Value.CoalesceDelay;
        var started = time.GetTimestamp();
        while (quiet > TimeSpan.Zero && time.GetElapsedTime(started) < MaximumCoalesce)
        {
            if (await feed.WaitAsync(quiet, cancellationToken).ConfigureAwait(false) is not { } next || next == seen)
            {
                break;
            }

            seen = next;
        }

        return seen;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Following configuration changes on {Provider} through {Mechanism}, checked every {IntervalMs} ms.")]
    private static partial void LogFollowing(ILogger logger, string provider, string mechanism, double intervalMs);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Configuration reloaded: version {Before} -> {After}.")]
    private static partial void LogReloaded(ILogger logger, long before, long after);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Following configuration changes failed; configuration version {Version} keeps serving, and the watcher retries with backoff.")]
    private static partial void LogFailed(ILogger logger, long version, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Still cannot follow configuration changes (attempt {Failures}).")]
    private static partial void LogStillFailing(ILogger logger, int failures, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Following configuration changes again after {Failures} failed attempts; configuration version {Version}.")]
    private static partial void LogRecovered(ILogger logger, int failures, long version);
}
