using System.Collections.Concurrent;
using Switchboard.Abstractions.Tenancy;
using Switchboard.Core.Limits;
using Switchboard.Core.Routing;

namespace Switchboard.Server.Tests.Limits;

/// <summary>Replicas admit from slices leased from the database: two replicas on one SQLite or PostgreSQL database keep a budget, an RPM and a TPM limit within the bound the README states.</summary>
/// <remarks>
/// The bound: across N replicas a budget is overrun by at most N worst-case requests (each replica's last request may take
/// less than its worst case once the budget is used up) plus what requests spend beyond what they reserved, and a dead
/// replica's unwritten spend; a request is refused early only while the remainder sits in other replicas' slices or with
/// requests in flight.
/// </remarks>
public sealed class LimitLeaseTests
{
    private const long Nanos = 1_000_000_000;

    /// <summary>Each request's worst case: $0.01.</summary>
    private const long Worst = Nanos / 100;

    private static readonly LimitOptions Leasing = new() { SliceRequests = 4, SliceShare = 4, LeaseIdleTimeout = TimeSpan.FromMilliseconds(200) };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task TwoReplicas_SpendABudgetConcurrently_WithinTheStatedBound(bool postgres)
    {
        await using var replicas = await LimitReplicas.CreateAsync(postgres);
        var gates = new[] { replicas.StartGate(Leasing), replicas.StartGate(Leasing) };
        var limits = new LimitSettings { Budget = 1m, BudgetPeriod = BudgetPeriod.Day };

        // Both replicas hold a slice before the race starts, so each competes with what the other holds.
        foreach (var gate in gates)
        {
            (await AdmitAsync(gate, limits)).Lease!.Settle(LimitReplicas.Record(0.004m));
        }

        // A request costs $0.004 of its $0.01 worst case: nothing is spent beyond a reservation except by a last, partial one.
        var run = await RunAsync(gates, limits, spend: 0.004m, workers: 6);

        Assert.Empty(run.Unexpected);
        foreach (var gate in gates)
        {
            await gate.DrainSettlementsAsync(TimeSpan.FromSeconds(10));
        }

        var counters = await replicas.CountersAsync("key:1");
        Assert.Equal(0, counters.ReservedNanos);
        // Exactly one settlement per request: the counter holds the sum of the spend of the requests admitted, no more, no less.
        Assert.Equal((run.Admitted + gates.Length) * 4_000_000L, counters.SpentNanos);
        Assert.True(counters.SpentNanos <= Nanos + (gates.Length * Worst), $"spent {counters.SpentNanos} of {Nanos}");
        // Refused as spent out only once the budget was: no early refusal at the end.
        Assert.True(counters.SpentNanos >= Nanos, $"spent {counters.SpentNanos} of {Nanos}");
        // While requests ran, a refusal left at most the other replica's slice and the requests in flight unspent.
        var slice = Math.Max(Leasing.SliceRequests * Worst, Nanos / Leasing.SliceShare);
        Assert.True(run.MostLeftAtRefusal <= (gates.Length * slice) + (run.Workers * Worst), $"{run.MostLeftAtRefusal} left at a refusal");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task TwoReplicas_CountRequestsPerMinuteExactly_AndTokensPerMinuteWithinOneRequestEach(bool postgres)
    {
        await using var replicas = await LimitReplicas.CreateAsync(postgres);
        var gates = new[] { replicas.StartGate(Leasing), replicas.StartGate(Leasing) };

        var rpm = await RunAsync(gates, new LimitSettings { RequestsPerMinute = 50 }, spend: 0, workers: 4);
        Assert.Empty(rpm.Unexpected);
        Assert.Equal(50, rpm.Admitted);

        // 30 tokens reserved, 20 used: the minute is used up once 1,000 tokens are counted; each replica's last request may take less than 30.
        var tpm = await RunAsync(gates, new LimitSettings { TokensPerMinute = 1_000 }, spend: 0, workers: 4, keyId: 2, tokens: 20);
        Assert.Empty(tpm.Unexpected);
        Assert.InRange(tpm.Admitted * 20, 1_000 - (gates.Length * 30) - (tpm.Workers * 30), 1_000 + (gates.Length * 30));
        foreach (var gate in gates)
        {
            await gate.DrainSettlementsAsync(TimeSpan.FromSeconds(10));
        }

        Assert.Equal(50, (await replicas.CountersAsync("key:1")).Requests);
        // Once the slices are given back, the minute counts exactly the tokens the requests used.
        Assert.Equal(tpm.Admitted * 20, (await replicas.CountersAsync("key:2")).Tokens);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AReplicaThatDies_HasItsUnusedSliceGivenBackAfterTheHolderTimeout_SoTheOtherCanSpendIt(bool postgres)
    {
        await using var replicas = await LimitReplicas.CreateAsync(postgres);
        var options = new LimitOptions { SliceRequests = 4, SliceShare = 2, HolderTimeout = TimeSpan.FromSeconds(1), LeaseIdleTimeout = TimeSpan.FromMinutes(10) };
        var limits = new LimitSettings { Budget = 0.1m, BudgetPeriod = BudgetPeriod.Day };
        // Real time here: the holds of the dead replica must age past the timeout.
        var dying = replicas.StartGate(options, TimeProvider.System);
        var (lease, error) = await AdmitAsync(dying, limits);
        Assert.Null(error);
        Assert.NotNull(lease);

        // Half of the $0.10 is the dying replica's slice; it is never settled, written back or given back.
        var survivor = replicas.StartGate(options, TimeProvider.System);
        var spent = await SpendUntilRefusedAsync(survivor, limits, 0.01m);
        Assert.Equal("budget_reserved", spent.Refusal);
        Assert.InRange(spent.Total, 0.04m, 0.05m);

        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var keeper = new LimitHoldKeeper(survivor, Microsoft.Extensions.Options.Options.Create(options), TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<LimitHoldKeeper>.Instance);
        Assert.Equal(1, await keeper.RunOnceAsync(CancellationToken.None));

        var after = await SpendUntilRefusedAsync(survivor, limits, 0.01m);
        Assert.Equal("budget", after.Refusal);
        Assert.Equal(0.1m, spent.Total + after.Total);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ALoweredBudget_ReplacesTheSlice_AndTakesEffectAtOnce(bool postgres)
    {
        await using var replicas = await LimitReplicas.CreateAsync(postgres);
        var gate = replicas.StartGate(Leasing);
        var first = await SpendUntilRefusedAsync(gate, new LimitSettings { Budget = 1m, BudgetPeriod = BudgetPeriod.Day }, 0.004m, most: 5);
        Assert.Null(first.Refusal);

        // Lowered to what is already spent: the slice taken under the old budget serves no more requests.
        var lowered = new LimitSettings { Budget = first.Total, BudgetPeriod = BudgetPeriod.Day };
        var (_, error) = await AdmitAsync(gate, lowered);
        Assert.NotNull(error);
        gate.FlushSlices();
        await gate.DrainSettlementsAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("budget_exceeded", (await AdmitAsync(gate, lowered)).Error?.Code);
        Assert.Equal(new LimitCounters(LimitWindows.ToNanos(first.Total), 0, 0, 0), await replicas.CountersAsync("key:1"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ALeaseSettledTwice_CountsOnce_AndAnAdmissionCancelledWhileWaiting_HoldsNothing(bool postgres)
    {
        await using var replicas = await LimitReplicas.CreateAsync(postgres);
        var gate = replicas.StartGate(Leasing);
        var limits = new LimitSettings { Budget = 1m, BudgetPeriod = BudgetPeriod.Day, MaxParallel = 1 };

        var (lease, _) = await AdmitAsync(gate, limits);
        lease!.Settle(LimitReplicas.Record(0.003m));
        lease.Settle(LimitReplicas.Record(0.003m));
        Assert.Equal(0, gate.InFlight("key:1"));

        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => AdmitAsync(gate, limits with { Budget = 2m }, cancellationToken: cancelled.Token).AsTask());
        Assert.Equal(0, gate.InFlight("key:1"));

        await gate.DrainSettlementsAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(3_000_000, (await replicas.CountersAsync("key:1")).SpentNanos);
        Assert.Equal(0, (await replicas.CountersAsync("key:1")).ReservedNanos);
    }

    private static ValueTask<(LimitLease? Lease, Core.Errors.GatewayError? Error)> AdmitAsync(LimitGate gate, LimitSettings limits, long keyId = 1, long tokens = 30, CancellationToken cancellationToken = default) =>
        gate.AdmitAsync(keyId, limits, "-1", null, Worst, tokens, cancellationToken);

    private static async Task<(decimal Total, string? Refusal)> SpendUntilRefusedAsync(LimitGate gate, LimitSettings limits, decimal spend, int most = 1_000)
    {
        var total = 0m;
        for (var i = 0; i < most; i++)
        {
            var (lease, error) = await AdmitAsync(gate, limits);
            if (error is not null)
            {
                return (total, error.Code == "budget_exceeded" ? "budget" : error.Code);
            }

            lease!.Settle(LimitReplicas.Record(spend));
            total += spend;
        }

        return (total, null);
    }

    /// <summary>Runs workers on every gate until each is refused for good (spent out, or the minute used up); a short refusal (budget held by others) is retried.</summary>
    private static async Task<Run> RunAsync(LimitGate[] gates, LimitSettings limits, decimal spend, int workers, long keyId = 1, long tokens = 30)
    {
        var run = new Run(workers * gates.Length);
        var spentNanos = 0L;
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var flushing = Task.WhenAll(gates.Select(async g =>
        {
            // What each replica's keeper does every LeaseFlushInterval.
            while (!stop.IsCancellationRequested)
            {
                g.FlushSlices();
                await Task.Delay(50, CancellationToken.None);
            }
        }));
        await Task.WhenAll(gates.SelectMany(gate => Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var (lease, error) = await AdmitAsync(gate, limits, keyId, tokens);
                if (error is null)
                {
                    run.AdmittedBy.AddOrUpdate(gate, 1, (_, n) => n + 1);
                    await Task.Yield();
                    lease!.Settle(LimitReplicas.Record(spend, tokens > 20 ? 20 : tokens));
                    Interlocked.Add(ref spentNanos, LimitWindows.ToNanos(spend));
                    continue;
                }

                if (limits.Budget is { } budget)
                {
                    var left = LimitWindows.ToNanos(budget) - Interlocked.Read(ref spentNanos);
                    run.NoteLeft(left);
                }

                if (error.Code is "budget_exceeded" or "requests_per_minute_exceeded" or "tokens_per_minute_exceeded")
                {
                    return;
                }

                if (error.Code != "budget_reserved")
                {
                    run.Unexpected.Add(error.Code);
                    return;
                }

                await Task.Delay(10, CancellationToken.None);
            }

            run.Unexpected.Add("timeout");
        }))));
        await stop.CancelAsync();
        await flushing;
        return run;
    }

    private sealed class Run(int workers)
    {
        private long _mostLeft;

        public int Workers { get; } = workers;

        public ConcurrentDictionary<LimitGate, int> AdmittedBy { get; } = new();

        public ConcurrentBag<string> Unexpected { get; } = [];

        public int Admitted => AdmittedBy.Values.Sum();

        public long MostLeftAtRefusal => Interlocked.Read(ref _mostLeft);

        public void NoteLeft(long left)
        {
            long seen;
            while (left > (seen = Interlocked.Read(ref _mostLeft)) && Interlocked.CompareExchange(ref _mostLeft, left, seen) != seen)
            {
            }
        }
    }
}
