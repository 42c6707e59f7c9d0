using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Switchboard.Abstractions.Storage;
using Switchboard.Abstractions.Tenancy;
using Switchboard.Abstractions.Usage;
using Switchboard.Core.Embedded;
using Switchboard.Core.Pipeline;
using Switchboard.Core.Usage;
using Switchboard.Tenancy;

namespace Switchboard.Server.Tests.Embedded;

/// <summary>Asks embedded chat clients about their own usage: each sees exactly its own requests and tokens.</summary>
public sealed class EmbeddedUsageTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "sb-embedded-usage", Guid.NewGuid().ToString("N"));
    private IHost _host = null!;

    private SwitchboardEngine Engine => _host.Services.GetRequiredService<SwitchboardEngine>();

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSwitchboard(o =>
        {
            o.DataDirectory = _directory;
            o.AdminKey = "embedded-admin";
            o.GetEnvironmentVariable = name => name == "SWITCHBOARD_MASTER_KEY" ? "embedded-master-key" : null;
        });
        _host = builder.Build();
        await _host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task GetUsage_TwoAgentsAndAUser_EachSeesExactlyItsOwnCountsAndTokens()
    {
        await AddUserWithSlotAsync("alice", "summaries");
        var alpha = Engine.GetChatClient("demo", agentName: "alpha");
        var beta = Engine.GetChatClient("demo", agentName: "beta");
        var alice = Engine.GetUserChatClient("alice", "summaries", agentName: "alpha");
        var unnamed = Engine.GetChatClient("demo");
        await CallAsync(alpha, "one", "two");
        await CallAsync(beta, "a much longer prompt for the second agent, so its input tokens differ");
        await CallAsync(alice, "x", "y", "z");
        var records = await FlushAsync();
        Assert.Equal(6, records.Count);

        await AssertSeesAsync(alpha, records.Where(r => r.UserId == "-1" && r.AgentName == "alpha").ToList(), expectedRequests: 2);
        await AssertSeesAsync(beta, records.Where(r => r.AgentName == "beta").ToList(), expectedRequests: 1);
        await AssertSeesAsync(alice, records.Where(r => r.UserId == "alice").ToList(), expectedRequests: 3);
        Assert.Equal(0, (await Usage(unnamed).GetTotalsAsync("total")).Requests);

        // A client without an agent name sees the requests without one, not the named agents' requests.
        await CallAsync(unnamed, "plain");
        var afterUnnamed = await FlushAsync();
        await AssertSeesAsync(unnamed, afterUnnamed.Where(r => r.AgentName is null).ToList(), expectedRequests: 1);
        Assert.Equal(2, (await Usage(alpha).GetTotalsAsync("total")).Requests);
    }

    [Fact]
    public async Task GetUsage_GroupsTimelinesAndRanges_AreScopedToTheClient()
    {
        await AddUserWithSlotAsync("bob", "fast-notes");
        var bob = Engine.GetUserChatClient("bob", "fast-notes", agentName: "notes");
        var system = Engine.GetChatClient("demo", agentName: "notes");
        await CallAsync(bob, "1", "2");
        await CallAsync(system, "3");
        await FlushAsync();
        var usage = Usage(bob);

        Assert.Equal(("bob", "notes", "fast-notes", (string?)null), (usage.UserId, usage.AgentName, usage.Slot, usage.CatalogModel));
        Assert.Equal([("demo", 2L)], (await usage.GetGroupsAsync(UsageGrouping.Model, "week")).Select(g => (g.Key, g.Totals.Requests)));
        Assert.Equal([("demo", 2L)], (await usage.GetGroupsAsync(UsageGrouping.Platform, "month")).Select(g => (g.Key, g.Totals.Requests)));
        Assert.Equal([("fast-notes", 2L)], (await usage.GetGroupsAsync(UsageGrouping.Slot, "total")).Select(g => (g.Key, g.Totals.Requests)));
        Assert.Equal(2, (await usage.GetTimelineAsync(UsageInterval.Hour, "24h")).Sum(b => b.Totals.Requests));
        Assert.Equal(2, (await usage.GetTimelineAsync(UsageInterval.Day, "week", TimeSpan.FromHours(8))).Sum(b => b.Totals.Requests));
        Assert.Equal(2, Assert.Single(await usage.GetPerformanceAsync("24h")).Requests);
        Assert.Equal(1, (await Usage(system).GetGroupsAsync(UsageGrouping.User, "total")).Single(g => g.Key == "-1").Totals.Requests);

        var now = DateTimeOffset.UtcNow;
        Assert.Equal(2, (await usage.GetTotalsAsync(now.AddHours(-1), now.AddMinutes(1))).Requests);
        Assert.Equal(0, (await usage.GetTotalsAsync(now.AddDays(-2), now.AddDays(-1))).Requests);
        Assert.Throws<ArgumentException>(() => usage.GetTotalsAsync("fortnight").GetAwaiter().GetResult());

        // The same query serves callers that use the store directly.
        var direct = await _host.Services.GetRequiredService<IUsageStore>().AggregateAsync(usage.ToQuery(now.AddHours(-1), now.AddMinutes(1)), UsageGrouping.None, CancellationToken.None);
        Assert.Equal(2, Assert.Single(direct).Totals.Requests);
    }

    private static SwitchboardUsage Usage(IChatClient client) =>
        client.GetService<SwitchboardUsage>() ?? throw new InvalidOperationException("The client has no usage accessor.");

    private static async Task AssertSeesAsync(IChatClient client, List<UsageRecord> own, long expectedRequests)
    {
        Assert.Equal(expectedRequests, own.Count);
        var totals = await Usage(client).GetTotalsAsync("24h");
        Assert.Equal(expectedRequests, totals.Requests);
        Assert.True(totals.InputTokens > 0 && totals.OutputTokens > 0);
        Assert.Equal(own.Sum(r => (long)r.Tokens.InputTokens), totals.InputTokens);
        Assert.Equal(own.Sum(r => (long)r.Tokens.OutputTokens), totals.OutputTokens);
        Assert.Equal(totals, await Usage(client).GetTotalsAsync("total"));
    }

    private static async Task CallAsync(IChatClient client, params string[] prompts)
    {
        foreach (var prompt in prompts)
        {
            var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, prompt)]);
            Assert.Contains(prompt, response.Text, StringComparison.Ordinal);
        }
    }

    private async Task AddUserWithSlotAsync(string userId, string slot)
    {
        var tenancy = _host.Services.GetRequiredService<TenancyService>();
        Assert.Null(await tenancy.SetModeAsync("multi-fixed", autoKey: true, "test", CancellationToken.None));
        var (_, created, error) = await tenancy.SaveUserAsync(new UserRecord { Id = userId }, CancellationToken.None);
        Assert.True(created);
        Assert.Null(error);
        Assert.Null(await tenancy.SaveSelectionAsync(new CallerIdentity(userId, null, "user"), slot, slot, "demo", null, null, create: true, CancellationToken.None));
    }

    private async Task<IReadOnlyList<UsageRecord>> FlushAsync()
    {
        await _host.Services.GetRequiredService<UsageWriterService>().FlushAsync();
        return await _host.Services.GetRequiredService<IUsageStore>().QueryAsync(DateTimeOffset.UnixEpoch, DateTimeOffset.UtcNow.AddDays(1), null, 1000, CancellationToken.None);
    }
}
