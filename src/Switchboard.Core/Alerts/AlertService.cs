using System.Collections.Concurrent;
using System.Net.Http.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Abstractions.Storage;
using Switchboard.Abstractions.Usage;
using Switchboard.Core.Telemetry;
using Switchboard.Core.Threading;

namespace Switchboard.Core.Alerts;

/// <summary>Evaluates the alert rules on an interval, suppresses repeats during the cooldown, stores what it raises and posts it to the webhook.</summary>
/// <remarks>
/// Evaluation runs off the request path against stored usage, so a burst of requests over a quota raises one alert,
/// not one per request. The cooldown survives restarts: recent alerts are read back from storage on start.
/// Singleton; owns its <see cref="HttpClient"/>.
/// </remarks>
public sealed partial class AlertService(IUsageStore store, IKeyHealthSource? keys, IOptions<AlertOptions> options, TimeProvider time, ILogger<AlertService> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastRaised = new(StringComparer.Ordinal);
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private bool _loaded;

    /// <summary>Evaluates every rule once; returns the alerts raised (after deduplication).</summary>
    public async Task<IReadOnlyList<AlertRecord>> EvaluateOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        if (!_loaded)
        {
            foreach (var recent in await store.ListAlertsAsync(now - settings.Cooldown, 10_000, cancellationToken).ConfigureAwait(false))
            {
                _lastRaised.AddOrUpdate(recent.DedupKey, recent.CreatedAt, (_, existing) => existing > recent.CreatedAt ? existing : recent.CreatedAt);
            }

            _loaded = true;
        }

        var found = new List<AlertRecord>();
        await AlertRules.EvaluateAsync(store, keys, settings, now, found, cancellationToken).ConfigureAwait(false);
        var raised = new List<AlertRecord>();
        foreach (var candidate in found)
        {
            if (_lastRaised.TryGetValue(candidate.DedupKey, out var last) && now - last < settings.Cooldown)
            {
                continue;
            }

            _lastRaised[candidate.DedupKey] = now;
            var alert = candidate with { CreatedAt = now };
            alert = alert with { Id = await store.InsertAlertAsync(alert, cancellationToken).ConfigureAwait(false) };
            LogRaised(logger, alert.Kind, alert.Subject, alert.Message);
            if (settings.WebhookUrl is { } url && await DeliverAsync(url, alert, cancellationToken).ConfigureAwait(false))
            {
                alert = alert with { DeliveredAt = time.GetUtcNow() };
                await store.MarkAlertDeliveredAsync(alert.Id, alert.DeliveredAt.Value, cancellationToken).ConfigureAwait(false);
            }

            raised.Add(alert);
        }

        return raised;
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _http.Dispose();
        base.Dispose();
    }

    /// <inheritdoc />
    /// <remarks>
    /// The loop runs on its own thread (see <see cref="DedicatedThread"/>). The rules aggregate the usage table with
    /// synchronous SQLite calls, which take hundreds of milliseconds once it holds a few hundred thousand recent
    /// records; on a thread-pool thread of a one-CPU host that stalled every request for as long.
    /// </remarks>
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        DedicatedThread.Run("switchboard-alerts", () => RunAsync(stoppingToken));

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.EvaluationInterval;
        if (interval <= TimeSpan.Zero)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // No ConfigureAwait(false): the loop comes back to its own thread after the delay.
                await Task.Delay(interval, time, stoppingToken);
                await EvaluateOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A failed evaluation (database down) is retried at the next interval.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogEvaluationFailed(logger, ex.GetType().Name, ex.Message);
            }
        }
    }

    private async Task<bool> DeliverAsync(Uri url, AlertRecord alert, CancellationToken cancellationToken)
    {
        var payload = new WebhookPayload(alert.Id, alert.Kind, alert.Severity, alert.Subject, alert.Message, alert.Value, alert.Threshold, alert.CreatedAt);
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            try
            {
                using var response = await _http.PostAsJsonAsync(url, payload, AlertJsonContext.Default.WebhookPayload, cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return true;
                }

                LogDeliveryFailed(logger, alert.Id, $"HTTP {(int)response.StatusCode}");
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                LogDeliveryFailed(logger, alert.Id, ex.GetType().Name);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250 * attempt), time, cancellationToken).ConfigureAwait(false);
        }

        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert {Kind} for {Subject}: {Message}")]
    private static partial void LogRaised(ILogger logger, string kind, string subject, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivering alert {Id} to the webhook failed ({Reason}).")]
    private static partial void LogDeliveryFailed(ILogger logger, long id, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert evaluation failed ({ExceptionType}: {Reason}); it runs again at the next interval.")]
    private static partial void LogEvaluationFailed(ILogger logger, string exceptionType, string reason);
}
