using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Switchboard.Server.Cli.Check;

/// <summary>Checks a running gateway through <c>/readyz</c> and <c>/api/v1/status/health</c>: ready, database up, usage writer and key pools.</summary>
/// <remarks>A gateway that runs has already proven its master key and read its platforms file; those checks are local.</remarks>
internal static class RemoteChecks
{
    private const string GatewayCheck = "gateway";

    public static async Task<IReadOnlyList<CheckLine>> RunAsync(RemoteGateway remote, Action<string> step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(remote);
        ArgumentNullException.ThrowIfNull(step);
        step($"Asking {remote.Display}/readyz");
        var ready = await CheckReadyAsync(remote, cancellationToken);
        if (ready.Outcome == CheckOutcome.Failed)
        {
            return [ready];
        }

        if (!remote.HasKey)
        {
            return [ready, CheckLine.Skip("health", $"give --key or set {GatewayTarget.KeyVariable} to read /api/v1/status/health.")];
        }

        step("Reading its health report");
        var health = await remote.GetHealthAsync(cancellationToken);
        var lines = new List<CheckLine> { ready };
        lines.Add(health.Database.Status == "up"
            ? CheckLine.Pass("database", $"{health.Database.Provider}, answered in {health.Database.LatencyMs?.ToString("0.#", CultureInfo.InvariantCulture) ?? "?"} ms.")
            : CheckLine.Fail("database", CliExitCodes.Database, $"{health.Database.Provider} is {health.Database.Status} ({health.Database.Error ?? "no detail"})."));
        var writer = health.UsageWriter;
        lines.Add(writer.Degraded
            ? CheckLine.Warn("usage writer", $"degraded: {writer.Failures} failed writes, {writer.JournalPending} records waiting in the journal.")
            : CheckLine.Pass("usage writer", $"{writer.Persisted} records stored, queue {writer.QueueDepth}."));
        foreach (var platform in health.Platforms)
        {
            var detail = $"{platform.Kind}, {platform.Keys} keys, {platform.KeysCooling} cooling: {platform.Status}.";
            lines.Add(platform.Status == "healthy" ? CheckLine.Pass($"platform {platform.Name}", detail) : CheckLine.Warn($"platform {platform.Name}", detail));
        }

        lines.Add(health.Status == "unhealthy"
            ? CheckLine.Fail("status", CliExitCodes.Gateway, $"unhealthy (version {health.Version}).")
            : CheckLine.Pass("status", $"{health.Status} (version {health.Version}, config version {health.ConfigVersion})."));
        return lines;
    }

    private static async Task<CheckLine> CheckReadyAsync(RemoteGateway remote, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await remote.SendRawAsync(HttpMethod.Get, "readyz", null, cancellationToken);
        }
        catch (CliFailure e)
        {
            return CheckLine.Fail(GatewayCheck, e.ExitCode, e.Message);
        }

        using (response)
        {
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return CheckLine.Fail(GatewayCheck, CliExitCodes.Gateway,
                    response.StatusCode == HttpStatusCode.ServiceUnavailable
                        ? $"{remote.Display} is starting: its configuration is not loaded yet."
                        : $"{remote.Display}/readyz answered {(int)response.StatusCode}; is this a Switchboard gateway?");
            }

            var version = "?";
            try
            {
                using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
                if (document.RootElement.TryGetProperty("config_version", out var value))
                {
                    version = value.ToString();
                }
            }
            catch (JsonException)
            {
                return CheckLine.Fail(GatewayCheck, CliExitCodes.Gateway, $"{remote.Display}/readyz did not answer JSON; is this a Switchboard gateway?");
            }

            return CheckLine.Pass(GatewayCheck, $"{remote.Display} is ready, configuration version {version}.");
        }
    }
}
