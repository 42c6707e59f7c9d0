using System.Diagnostics;
using System.Reflection;
using Switchboard.Abstractions.Storage;
using Switchboard.Core.Errors;
using Switchboard.Core.Telemetry;
using Switchboard.Core.Usage;
using Switchboard.Hosting;
using Switchboard.Server.Admin;
using Switchboard.Server.Auth;
using Switchboard.Server.Status.Views;

using Switchboard.Server.Http;

namespace Switchboard.Server.Status;

/// <summary>Serves the status routes of the original specification under <c>/api/v1/status</c>, plus the admin-only <c>/api/v1/debug/config</c>.</summary>
/// <remarks>
/// Any authenticated caller may read health and its own usage; metrics, performance and cost describe every user's
/// traffic and margins, so they need an admin key. Usage of other users needs an admin key too.
/// </remarks>
internal static class StatusEndpoints
{
    /// <summary>When the process started; read from the OS, because a static initialised on first use would start the clock at the first status call.</summary>
    private static readonly DateTime ProcessStartUtc = ReadProcessStart();

    /// <summary>The gateway's version, as <c>/api/v1/status/health</c> and the CLI's <c>version</c> report it.</summary>
    internal static readonly string Version =
        typeof(StatusEndpoints).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    public static IEndpointRouteBuilder MapStatusEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/status").WithTags("Status");
        group.MapGet("/health", HealthAsync)
            .WithSummary("Reports whether the gateway can serve: configuration, database, usage writer and each platform's key pool; 503 when unhealthy.")
            .Produces<HealthView>()
            .Produces<HealthView>(StatusCodes.Status503ServiceUnavailable);
        group.MapGet("/metrics", Metrics)
            .WithSummary("Summarises the live counters since start (requests by outcome, tokens, cost, usage pipeline). Admin only.")
            .Produces<MetricsView>();
        group.MapGet("/usage", UsageStatusHandlers.UsageAsync)
            .WithSummary("Reports usage over a period (period=24h|7d|week|month|total|<n>h|<n>d): totals, groups (group_by=model|agent|provider|platform|key|upstream_key|user|slot|protocol) and a timeline (interval=hour|day, utc_offset=+08:00). Non-admins see their own usage.")
            .Produces<UsageView>();
        group.MapGet("/performance", UsageStatusHandlers.PerformanceAsync)
            .WithSummary("Reports p50/p95/p99 latency and time to first token per model and source over a period (default 24h). Admin only.")
            .Produces<PerformanceView>();
        group.MapGet("/cost", UsageStatusHandlers.CostAsync)
            .WithSummary("Reports revenue (user price), cost (provider cost) and margin over a period (default 30d), group_by=provider|platform|model|user. Admin only.")
            .Produces<CostView>();
        routes.MapGet("/api/v1/debug/config", DebugConfigEndpoint.GetAsync)
            .WithTags("Status")
            .WithSummary("Shows the effective configuration with every secret masked. Admin only.")
            .Produces<DebugConfigView>();
        return routes;
    }

    internal static bool IsAdmin(HttpContext context) => GatewayAuthMiddleware.GetCaller(context).IsAdmin;

    internal static IResult AdminOnly() => AdminResults.Error(GatewayErrors.Forbidden("This status route needs an admin key."));

    internal static double UptimeSeconds => Math.Round(Math.Max(0, (DateTime.UtcNow - ProcessStartUtc).TotalSeconds), 3);

    private static DateTime ReadProcessStart()
    {
        using var process = Process.GetCurrentProcess();
        return process.StartTime.ToUniversalTime();
    }

    private static async Task<IResult> HealthAsync(
        ISwitchboardStore store, SwitchboardRuntime runtime, UsageQueue queue, UsageWriterService writer, IKeyHealthSource keys, CancellationToken cancellationToken)
    {
        var database = await CheckDatabaseAsync(store, cancellationToken);
        var samples = keys.Sample();
        var data = runtime.Version > 0 ? await TryLoadPlatformsAsync(store, cancellationToken) : null;
        var platforms = (data ?? []).Select(p =>
        {
            var pool = samples.Where(s => s.Platform == p.Name).ToList();
            var cooling = pool.Count(s => !s.Usable);
            return new PlatformHealthView(p.Name, p.Kind, pool.Count, cooling, StatusViews.PoolStatus(pool.Count, cooling));
        }).ToList();
        var writerView = Writer(queue, writer);
        var status = runtime.Version == 0 ? "unhealthy"
            : database.Status != "up" || writerView.Degraded || platforms.Any(p => p.Status != "healthy") ? "degraded"
            : "healthy";
        var view = new HealthView(status, Version, UptimeSeconds, runtime.ConfigVersion, database, writerView, platforms);
        return status == "unhealthy" ? TypedResults.Json(view, ServerJsonContext.Default.HealthView, statusCode: StatusCodes.Status503ServiceUnavailable) : TypedResults.Ok(view);
    }

    private static IResult Metrics(HttpContext context, UsageQueue queue, UsageWriterService writer)
    {
        if (!IsAdmin(context))
        {
            return AdminOnly();
        }

        return TypedResults.Ok(new MetricsView(
            UptimeSeconds,
            new RequestCountsView(RequestTotals.Requests, RequestTotals.Succeeded, RequestTotals.Failed, RequestTotals.Cancelled, RequestTotals.Active),
            new TokenCountsView(RequestTotals.InputTokens, RequestTotals.OutputTokens, RequestTotals.CachedInputTokens, RequestTotals.ReasoningTokens),
            new MoneyView(RequestTotals.ProviderCost, RequestTotals.UserPrice),
            Writer(queue, writer)));
    }

    private static UsageWriterView Writer(UsageQueue queue, UsageWriterService writer) =>
        new(queue.Depth, queue.Overflowed, writer.Persisted, writer.Failures, writer.Journaled, writer.JournalPending, writer.IsDegraded);

    private static async Task<DatabaseHealthView> CheckDatabaseAsync(ISwitchboardStore store, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(3));
        var started = Stopwatch.GetTimestamp();
        try
        {
            await store.GetSchemaVersionAsync(timeout.Token);
            return new DatabaseHealthView("up", store.ProviderName, Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 3), null);
        }
#pragma warning disable CA1031 // Any failure means "down"; only its type is reported, never its message (it may name the server).
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return new DatabaseHealthView("down", store.ProviderName, null, ex.GetType().Name);
        }
    }

    private static async Task<IReadOnlyList<Abstractions.Configuration.PlatformConfig>?> TryLoadPlatformsAsync(ISwitchboardStore store, CancellationToken cancellationToken)
    {
        try
        {
            var data = await store.LoadAsync(cancellationToken);
            return [.. data.Platforms.Where(p => p.OwnerUserId == Abstractions.Configuration.SystemUser.Id && p.Enabled)];
        }
#pragma warning disable CA1031 // The database check already reports the failure.
        catch (Exception)
#pragma warning restore CA1031
        {
            return null;
        }
    }
}
