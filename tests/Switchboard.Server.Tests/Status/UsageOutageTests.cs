using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Abstractions.Storage;
using Switchboard.Core.Usage;
using Switchboard.Server.Tests.Infrastructure;
using Switchboard.Storage;
using Xunit.Abstractions;

namespace Switchboard.Server.Tests.Status;

/// <summary>Checks that no usage record is lost when the database goes away under load, or when the gateway is stopped under load.</summary>
public sealed class UsageOutageTests(ITestOutputHelper output)
{
    /// <summary>How long the outage lasts; the acceptance run uses 30 s (SWITCHBOARD_OUTAGE_SECONDS=30).</summary>
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(
        int.TryParse(Environment.GetEnvironmentVariable("SWITCHBOARD_OUTAGE_SECONDS"), out var seconds) ? seconds : 6);

    [Fact]
    public async Task DatabaseDownUnderLoad_RecordsSpillToJournal_AndAfterRecoveryCountEqualsRequests()
    {
        FailingUsageStore? store = null;
        await using var host = await GatewayHost.StartAsync(services: s => s.AddSingleton<IUsageStore>(sp => store = new FailingUsageStore(sp.GetRequiredService<SwitchboardDatabase>().Usage)));
        var writer = host.Services.GetRequiredService<UsageWriterService>();
        _ = host.Services.GetRequiredService<IUsageStore>();
        store!.Down = true;

        var ids = await LoadAsync(host, Outage);

        using var admin = host.CreateClient();
        var health = await admin.GetFromJsonAsync<JsonElement>("api/v1/status/health");
        Assert.Equal("degraded", health.GetProperty("status").GetString());
        Assert.True(health.GetProperty("usage_writer").GetProperty("journal_pending").GetInt64() > 0);
        Assert.True(writer.Journaled > 0);

        store.Down = false;
        var deadline = Stopwatch.StartNew();
        while (writer.JournalPending > 0 && deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(100);
        }

        await writer.FlushAsync();
        var database = host.Services.GetRequiredService<SwitchboardDatabase>().Usage;
        var count = await database.CountAsync(CancellationToken.None);
        output.WriteLine($"outage {Outage.TotalSeconds:0} s: {ids.Count} requests answered, {writer.Journaled} records journaled, {count} stored after recovery");
        Assert.Equal(ids.Count, count);
        var storedIds = (await database.QueryAsync(DateTimeOffset.UnixEpoch, DateTimeOffset.UtcNow.AddDays(1), null, ids.Count + 1, CancellationToken.None)).Select(r => r.RequestId).ToHashSet();
        Assert.All(ids, id => Assert.Contains(id, storedIds));
        Assert.Equal(0, writer.JournalPending);
    }

    [Fact]
    public async Task StopUnderLoadWithDatabaseDown_EveryAnsweredRequestIsStoredAfterRestart()
    {
        var directory = Path.Combine(Path.GetTempPath(), "sb-tests", Guid.NewGuid().ToString("N"));
        FailingUsageStore? store = null;
        var host = await GatewayHost.StartAsync(dataDirectory: directory, services: s => s.AddSingleton<IUsageStore>(sp => store = new FailingUsageStore(sp.GetRequiredService<SwitchboardDatabase>().Usage)));
        host.KeepDataOnDispose = true;
        _ = host.Services.GetRequiredService<IUsageStore>();
        store!.Down = true;

        // Stop (what SIGTERM does) while requests are still arriving and the database is down.
        var load = LoadAsync(host, TimeSpan.FromSeconds(4));
        await Task.Delay(TimeSpan.FromSeconds(2));
        await host.StopAsync();
        var answered = await load;
        await host.DisposeAsync();
        Assert.NotEmpty(answered);

        await using var restarted = await GatewayHost.StartAsync(dataDirectory: directory);
        var writer = restarted.Services.GetRequiredService<UsageWriterService>();
        var deadline = Stopwatch.StartNew();
        while (writer.JournalPending > 0 && deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(100);
        }

        var storedIds = (await restarted.FlushUsageAsync()).Select(r => r.RequestId).ToHashSet();
        output.WriteLine($"stop under load: {answered.Count} requests answered, {storedIds.Count} stored after restart");
        Assert.All(answered, id => Assert.Contains(id, storedIds));
        Assert.False(File.Exists(Path.Combine(directory, "usage-journal.jsonl")));
    }

    /// <summary>Sends chat requests from 8 workers until the time is up; returns the request ids of every answered request.</summary>
    private static async Task<ConcurrentBag<string>> LoadAsync(GatewayHost host, TimeSpan duration)
    {
        var ids = new ConcurrentBag<string>();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(async worker =>
        {
            using var client = host.CreateClient();
            for (var i = 0; clock.Elapsed < duration; i++)
            {
                var body = JsonSerializer.Serialize(new { model = "demo", stream = i % 2 == 0, messages = new[] { new { role = "user", content = $"load {worker}-{i}" } } });
                try
                {
                    using var response = await client.PostAsync("v1/chat/completions", new StringContent(body, Encoding.UTF8, "application/json"));
                    await response.Content.ReadAsStringAsync();
                    ids.Add(response.Headers.GetValues("X-Request-Id").Single());
                }
                catch (HttpRequestException)
                {
                    // The host stopped listening; this request never reached the pipeline.
                }
            }
        }));
        return ids;
    }
}
