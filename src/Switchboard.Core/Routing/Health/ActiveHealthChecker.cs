using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Abstractions.Chat;
using Switchboard.Abstractions.Configuration;
using Switchboard.Abstractions.Providers;
using Switchboard.Abstractions.Usage;
using Switchboard.Core.Pipeline;
using Switchboard.Core.Telemetry;
using Switchboard.Core.Usage;

namespace Switchboard.Core.Routing.Health;

/// <summary>
/// Sends one tiny completion to the sources that need proof of health: those whose ejection has ended (the check is
/// the half-open trial, instead of a user's request) and those idle for longer than
/// <see cref="ActiveHealthCheckOptions.IdleAfter"/>. Results feed the same health records as real traffic.
/// </summary>
/// <remarks>
/// Only the operator's platforms are checked (never a user's private platform, whose key the user pays for). Every
/// check is admitted by <see cref="ActiveCheckBudget"/> on its worst-case cost and written as a usage record, so the
/// money it spends is accounted like any other.
/// </remarks>
internal sealed partial class ActiveHealthChecker(
    SnapshotHolder snapshots,
    RoutingState routingState,
    IUsageSink usage,
    IOptions<ActiveHealthCheckOptions> options,
    IOptions<GatewayOptions> gatewayOptions,
    ILogger<ActiveHealthChecker> logger) : BackgroundService
{
    private const int MaxOutputTokens = 1;

    private static readonly Counter<long> Checks = GatewayMetrics.Meter.CreateCounter<long>(
        TelemetryNames.HealthChecks, "{check}", "Active health checks sent to sources, by outcome.");

    private readonly ActiveHealthCheckOptions _options = options.Value;
    private readonly ActiveCheckBudget _budget = new(options.Value);
    private readonly Dictionary<long, long> _lastCheckTicks = [];
    private readonly UpstreamTimeouts _timeouts = new(gatewayOptions.Value.FirstByteTimeout, gatewayOptions.Value.IdleTimeout, gatewayOptions.Value.TotalTimeout);

    /// <summary>Checks every source that is due once; returns how many checks were sent. One caller at a time.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var snapshot = snapshots.Current;
        var sent = 0;
        var seen = new HashSet<long>();
        foreach (var model in snapshot.Models.Values)
        {
            foreach (var source in model.Sources)
            {
                if (!seen.Add(source.StateId) || source.Platform.Config.OwnerUserId != SystemUser.Id || !IsDue(source))
                {
                    continue;
                }

                if (source.Platform.Provider is not IChatCompletionProvider provider || !string.Equals(source.Model.Type, "chat", StringComparison.Ordinal))
                {
                    continue;
                }

                var now = routingState.NowTicks;
                var target = source.Targets.FirstOrDefault(t => !routingState.Get(t.StateId).IsCooling(now));
                if (target is null)
                {
                    continue;
                }

                var request = BuildRequest(model.Id);
                var worstCost = UsageAccounting.ProviderCost(new TokenUsage(EstimatedInputTokens(), MaxOutputTokens), source.Model);
                if (!_budget.TryAdmit(routingState.Time.GetUtcNow(), worstCost))
                {
                    LogBudgetSpent(logger, _options.MaxChecksPerHour, _options.MaxCostPerDay);
                    return sent;
                }

                _lastCheckTicks[source.StateId] = now;
                await CheckAsync(provider, model, source, target, request, worstCost, cancellationToken).ConfigureAwait(false);
                sent++;
            }
        }

        return sent;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(_options.Interval, routingState.Time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await RunOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogRoundFailed(logger, ex);
            }
        }
    }

    private bool IsDue(SourceEntry source)
    {
        var now = routingState.NowTicks;
        var state = routingState.GetSource(source.StateId);
        if (state.Breaker.StateAt(now) == CircuitState.HalfOpen)
        {
            return true;
        }

        if (_options.IdleAfter <= TimeSpan.Zero || state.Breaker.StateAt(now) == CircuitState.Open)
        {
            return false;
        }

        var lastCheck = _lastCheckTicks.GetValueOrDefault(source.StateId);
        var lastSeen = Math.Max(state.Stats.LastResponseTicks, lastCheck);
        return now - lastSeen >= _options.IdleAfter.Ticks;
    }

    private async Task CheckAsync(IChatCompletionProvider provider, CatalogEntry model, SourceEntry source, SourceTarget target, ChatCompletionRequest request, decimal worstCost, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await provider.CompleteAsync(new UpstreamChatCall { Request = request, Target = target.Target, Timeouts = _timeouts }, cancellationToken).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(started);
        TokenUsage tokens = default;
        if (result.Value is { } completion)
        {
            routingState.RecordSuccess(source, target, elapsed);
            tokens = completion.UsageSource == UsageSource.None ? new TokenUsage(EstimatedInputTokens(), MaxOutputTokens) : completion.Usage;
            Checks.Add(1, new KeyValuePair<string, object?>("outcome", "success"));
            LogChecked(logger, source.Address, elapsed.TotalMilliseconds);
        }
        else
        {
            var error = result.Error!;
            routingState.RecordFailure(source, target, error);
            Checks.Add(1, new KeyValuePair<string, object?>("outcome", "failure"));
            LogCheckFailed(logger, source.Address, error.Kind, error.UpstreamStatus);
        }

        var cost = UsageAccounting.ProviderCost(tokens, source.Model);
        _budget.Settle(worstCost, cost);
        usage.Write(new UsageRecord
        {
            RequestId = "hc-" + Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture),
            Timestamp = routingState.Time.GetUtcNow(),
            UserId = SystemUser.Id,
            Endpoint = "health_check",
            RequestedModel = model.Id,
            CatalogModel = model.Id,
            Platform = source.Platform.Name,
            Provider = source.Platform.Provider.Name,
            UpstreamModel = source.Model.UpstreamModel,
            KeyId = target.Key?.Id,
            Tokens = tokens,
            UsageSource = result.Value is { } done && done.UsageSource != UsageSource.None ? done.UsageSource : tokens.TotalTokens > 0 ? UsageSource.Estimated : UsageSource.None,
            ProviderCost = cost,
            LatencyMs = elapsed.TotalMilliseconds,
            Attempts = 1,
            Status = result.Value is not null ? UsageStatus.Success : UsageStatus.Error,
            ErrorType = result.Error?.Kind.ToString(),
            HttpStatus = result.Value is not null ? 200 : result.Error!.UpstreamStatus,
        });
    }

    private ChatCompletionRequest BuildRequest(string model)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new CheckBody(model, [new CheckMessage("user", _options.Prompt)], MaxOutputTokens), ActiveCheckJsonContext.Default.CheckBody);
        return new ChatCompletionRequest { Body = body, Model = model, MaxTokens = MaxOutputTokens, MessageCount = 1 };
    }

    // A rough upper bound: the prompt's UTF-8 bytes plus the chat framing; used only to admit a check against the cost cap.
    private long EstimatedInputTokens() => Encoding.UTF8.GetByteCount(_options.Prompt) + 8;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Active health check of {Source} succeeded in {LatencyMs:0.#} ms.")]
    private static partial void LogChecked(ILogger logger, string source, double latencyMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Active health check of {Source} failed ({Kind}, HTTP {Status}).")]
    private static partial void LogCheckFailed(ILogger logger, string source, UpstreamErrorKind kind, int status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Active health checks paused: the budget ({MaxChecks} per hour, {MaxCost} per day) is spent.")]
    private static partial void LogBudgetSpent(ILogger logger, int maxChecks, decimal maxCost);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A round of active health checks failed.")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
