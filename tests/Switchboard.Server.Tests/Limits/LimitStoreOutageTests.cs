using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Abstractions.Storage;
using Switchboard.Abstractions.Tenancy;
using Switchboard.Core.Limits;
using Switchboard.Server.Tests.Infrastructure;
using Switchboard.Testing;
using Xunit.Abstractions;

namespace Switchboard.Server.Tests.Limits;

/// <summary>Budgets and rate limits fail closed and fast while their store cannot answer for a request that needs a new slice; requests served from a slice already held, and requests without limits, do not notice.</summary>
/// <remarks>Pins catalogue case 3: with the database write-locked, each request under a budget stalled ~35 s and was then admitted unchecked, its spend never charged.</remarks>
public sealed class LimitStoreOutageTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(2);

    /// <summary>Gives idle slices back after a second, so the tests see nothing reserved soon after their last request.</summary>
    private static readonly Dictionary<string, string?> QuickReturn = new() { ["Switchboard:Limits:LeaseIdleTimeout"] = "00:00:01" };

    [Fact]
    public async Task SqliteWriteLock_ServesFromASliceAlreadyHeld_RefusesRequestsNeedingANewSliceWithin2Seconds_AndServesTheRest()
    {
        await using var upstream = await StartUpstreamAsync();
        await using var host = await StartAsync(upstream, QuickReturn);
        // A budget only: a minute limit would need a new slice whenever the test crosses a minute.
        var (leased, leasedScope) = await LimitedClientAsync(host, new { name = "leased", budget = 5.0, budget_period = "day" });
        var (fresh, _) = await LimitedClientAsync(host);
        using var admin = host.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await ChatAsync(leased)).StatusCode);

        await using (var holder = await HoldWriteLockAsync(host))
        {
            var clock = Stopwatch.StartNew();
            Assert.Equal(HttpStatusCode.OK, (await ChatAsync(leased)).StatusCode);
            output.WriteLine($"SQLite write-locked: request served from its slice in {clock.Elapsed.TotalMilliseconds:F0} ms");

            clock.Restart();
            var refused = await ChatAsync(fresh);
            var refusedAfter = clock.Elapsed;
            output.WriteLine($"SQLite write-locked: request needing a new slice refused after {refusedAfter.TotalMilliseconds:F0} ms");
            var error = await ErrorAsync(refused, HttpStatusCode.ServiceUnavailable);
            Assert.Equal("limits_unavailable", error.GetProperty("code").GetString());
            Assert.NotNull(refused.Headers.RetryAfter);
            Assert.True(refusedAfter < Bound + TimeSpan.FromSeconds(3), $"refused after {refusedAfter}");

            clock.Restart();
            Assert.Equal(HttpStatusCode.OK, (await ChatAsync(admin)).StatusCode);
            output.WriteLine($"SQLite write-locked: unlimited request answered in {clock.Elapsed.TotalMilliseconds:F0} ms");
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"an unlimited request took {clock.Elapsed}");
        }

        Assert.Equal(HttpStatusCode.OK, (await ChatAsync(fresh)).StatusCode);
        Assert.Equal(4, upstream.Requests.Count);
        var records = await host.FlushUsageAsync();
        Assert.Equal(5, records.Count);
        Assert.Single(records, r => r.ErrorType == "limits_unavailable" && r.HttpStatus == 503);

        // Once the slice goes idle nothing stays reserved, and the two requests it served are charged.
        var counters = await CountersAsync(host, leasedScope, c => c.ReservedNanos == 0 && c.SpentNanos > 0);
        Assert.Equal(0, counters.ReservedNanos);
        var leasedId = long.Parse(leasedScope[LimitScopes.KeyPrefix.Length..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(records.Where(r => r.VirtualKeyId == leasedId && r.HttpStatus == 200).Sum(r => LimitWindows.ToNanos(r.UserPrice)), counters.SpentNanos);
    }

    [Fact]
    public async Task OnStoreFailureOpen_AdmitsDuringTheLock_AndChargesTheSpendOnceTheStoreIsBack()
    {
        await using var upstream = await StartUpstreamAsync();
        await using var host = await StartAsync(upstream, new Dictionary<string, string?> { ["Switchboard:Limits:OnStoreFailure"] = "open" });
        var (limited, scope) = await LimitedClientAsync(host);

        await using (var holder = await HoldWriteLockAsync(host))
        {
            Assert.Equal(HttpStatusCode.OK, (await ChatAsync(limited)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await ChatAsync(limited)).StatusCode);
        }

        var records = await host.FlushUsageAsync();

        // Counted in the minutes the requests were admitted in (the two may straddle a minute; the test may run into the next).
        var store = host.Services.GetRequiredService<ILimitStore>();
        var minutes = records.Select(r => LimitWindows.MinuteStart(r.Timestamp)).Distinct().ToList();
        var requests = await Poll.UntilAsync(
            async () =>
            {
                var counted = 0;
                foreach (var minute in minutes)
                {
                    counted += (await store.GetCountersAsync(scope, LimitWindows.BudgetStart(BudgetPeriod.Day, minute), minute, CancellationToken.None)).Requests;
                }

                return counted;
            },
            counted => counted == 2);
        Assert.Equal(2, requests);
        var counters = await CountersAsync(host, scope, c => c.ReservedNanos == 0, records[0].Timestamp);
        Assert.Equal(LimitWindows.ToNanos(records[0].UserPrice) + LimitWindows.ToNanos(records[1].UserPrice), counters.SpentNanos);
        Assert.Equal(0, counters.ReservedNanos);
        Assert.Equal(0, host.Services.GetRequiredService<LimitGate>().PendingSettlements);
    }

    [Fact]
    public async Task PostgresStopped_ServesFromASliceAlreadyHeld_RefusesRequestsNeedingANewSliceWithinTheBound_AndLosesNoRecord()
    {
        await using var postgres = await PrivatePostgres.StartAsync();
        await using var upstream = await StartUpstreamAsync();
        await using var host = await StartAsync(upstream, new Dictionary<string, string?>(QuickReturn) { ["ConnectionStrings:Switchboard"] = postgres.ConnectionString });
        var (leased, leasedScope) = await LimitedClientAsync(host, new { name = "leased", budget = 5.0, budget_period = "day" });
        var (fresh, freshScope) = await LimitedClientAsync(host);
        using var admin = host.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await ChatAsync(leased)).StatusCode);

        await postgres.StopAsync();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                Assert.Equal(HttpStatusCode.OK, (await ChatAsync(leased)).StatusCode);
                var clock = Stopwatch.StartNew();
                var refused = await ChatAsync(fresh);
                Assert.Equal("limits_unavailable", (await ErrorAsync(refused, HttpStatusCode.ServiceUnavailable)).GetProperty("code").GetString());
                output.WriteLine($"PostgreSQL stopped: request needing a new slice refused after {clock.Elapsed.TotalMilliseconds:F0} ms");
                Assert.True(clock.Elapsed < Bound + TimeSpan.FromSeconds(3), $"refused after {clock.Elapsed}");
                Assert.Equal(HttpStatusCode.OK, (await ChatAsync(admin)).StatusCode);
            }
        }
        finally
        {
            await postgres.StartServerAsync();
        }

        // Every request of the outage has its record once the database is back: the writer kept them and replays them.
        var records = await Poll.UntilAsync(async () =>
        {
            try
            {
                return await host.FlushUsageAsync();
            }
            catch (Exception e) when (e is InvalidOperationException or Npgsql.NpgsqlException)
            {
                return [];
            }
        }, r => r.Count == 10);
        Assert.Equal(10, records.Count);
        Assert.Equal(3, records.Count(r => r.ErrorType == "limits_unavailable"));
        Assert.Equal(HttpStatusCode.OK, (await ChatAsync(fresh)).StatusCode);
        Assert.Equal(0, (await CountersAsync(host, freshScope, c => c.ReservedNanos == 0)).ReservedNanos);

        // The spend served from the slice during the outage is written once the store is back.
        var leasedId = long.Parse(leasedScope[LimitScopes.KeyPrefix.Length..], System.Globalization.CultureInfo.InvariantCulture);
        var spent = records.Where(r => r.VirtualKeyId == leasedId && r.HttpStatus == 200).Sum(r => LimitWindows.ToNanos(r.UserPrice));
        Assert.Equal(spent, (await CountersAsync(host, leasedScope, c => c.ReservedNanos == 0 && c.SpentNanos == spent)).SpentNanos);
    }

    [Fact]
    public async Task BudgetSmallerThanOneWorstCase_AdmitsTheFirstRequest_ThenRefusesOnceSpent()
    {
        await using var upstream = await StartUpstreamAsync();
        await using var host = await StartAsync(upstream);
        using var admin = host.CreateClient();

        // The worst case (prompt + 1,024 output tokens at $2 per 1M) is about $0.002; the budget is a tenth of that.
        var (limited, scope) = await LimitedClientAsync(host, new { name = "tiny", budget = 0.0002, budget_period = "day" });

        Assert.Equal(HttpStatusCode.OK, (await ChatAsync(limited)).StatusCode);
        var records = await host.FlushUsageAsync();
        var counters = await CountersAsync(host, scope, c => c.ReservedNanos == 0 && c.SpentNanos > 0);
        Assert.Equal(LimitWindows.ToNanos(records.Single().UserPrice), counters.SpentNanos);

        // 7 output tokens at $2 per 1M and 11 input at $1 are $0.000025: the budget still has room, then runs out.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++)
        {
            statuses.Add((await ChatAsync(limited)).StatusCode);
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        var total = (await host.FlushUsageAsync()).Where(r => r.HttpStatus == 200).Sum(r => r.UserPrice);
        Assert.True(total <= 0.0002m + 0.000025m, $"spent {total}");
    }

    [Fact]
    public async Task TokensPerMinute_HoldsWithinOneRequestsTokens_UnderConcurrency()
    {
        await using var upstream = await StartUpstreamAsync(delay: TimeSpan.FromMilliseconds(300));
        await using var host = await StartAsync(upstream);
        var (limited, _) = await LimitedClientAsync(host, new { name = "tpm", tpm = 40 });

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => ChatAsync(limited, maxTokens: 10)));

        // Each request answers 11 + 7 = 18 tokens; a limit of 40 may be passed by at most one request.
        var admitted = responses.Count(r => r.StatusCode == HttpStatusCode.OK);
        Assert.InRange(admitted, 1, 3);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.TooManyRequests, r.StatusCode));
        var used = (await host.FlushUsageAsync()).Where(r => r.HttpStatus == 200).Sum(r => r.Tokens.InputTokens + r.Tokens.OutputTokens);
        Assert.True(used <= 40 + 18, $"used {used} tokens");
    }

    private static async Task<FakeUpstream> StartUpstreamAsync(TimeSpan? delay = null)
    {
        var upstream = await FakeUpstream.StartAsync();
        upstream.Handler = async (ctx, _) =>
        {
            if (delay is { } wait)
            {
                await Task.Delay(wait);
            }

            await FakeUpstream.Json(ctx, 200, OpenAIFakeResponses.Completion("ok"));
        };
        return upstream;
    }

    private static Task<GatewayHost> StartAsync(FakeUpstream upstream, Dictionary<string, string?>? settings = null) =>
        GatewayHost.StartAsync(PricedGateway.Yaml(upstream.BaseUrl), settings: settings);

    private static Task<(HttpClient Client, string Scope)> LimitedClientAsync(GatewayHost host, object? key = null) =>
        PricedGateway.LimitedClientAsync(host, key ?? new { name = "limited", budget = 5.0, budget_period = "day", rpm = 1000 });

    /// <summary>Takes SQLite's write lock on the gateway's file from another connection, as a second process or a long migration would.</summary>
    private static async Task<SqliteConnection> HoldWriteLockAsync(GatewayHost host)
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(host.DataDirectory, "switchboard.db")};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "BEGIN IMMEDIATE";
        await command.ExecuteNonQueryAsync();
        return connection;
    }

    private static Task<HttpResponseMessage> ChatAsync(HttpClient client, int? maxTokens = null) =>
        client.PostAsJsonAsync("v1/chat/completions", maxTokens is null
            ? new { model = "priced", messages = new[] { new { role = "user", content = "hi" } } }
            : (object)new { model = "priced", max_tokens = maxTokens, messages = new[] { new { role = "user", content = "hi" } } });

    private static async Task<JsonElement> ErrorAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"expected {expected}, got {(int)response.StatusCode}: {text}");
        using var document = JsonDocument.Parse(text);
        return document.RootElement.GetProperty("error").Clone();
    }

    private static Task<LimitCounters> CountersAsync(GatewayHost host, string scope, Func<LimitCounters, bool> accept, DateTimeOffset? at = null)
    {
        var now = at ?? DateTimeOffset.UtcNow;
        return Poll.UntilAsync(
            () => host.Services.GetRequiredService<ILimitStore>().GetCountersAsync(scope, LimitWindows.BudgetStart(BudgetPeriod.Day, now), LimitWindows.MinuteStart(now), CancellationToken.None),
            accept);
    }
}
