using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Abstractions.Configuration;
using Switchboard.Abstractions.Storage;

namespace Switchboard.Server.Tests.Tenancy;

/// <summary>Tier rules take effect on the next request, and slots whose model goes away repair themselves.</summary>
public sealed class TenancyRuleAndSlotTests
{
    [Fact]
    public async Task RuleEdit_ChangesNextRequestsModel_WithoutRestart()
    {
        await using var fixture = await TenancyFixture.StartAsync("multi-fixed", new Dictionary<string, string?> { ["Switchboard:Tenancy:AutoKey"] = "true" });
        var (alice, _) = await fixture.UserClientAsync("alice");
        Assert.Null(await fixture.Tenancy.SetRuleAsync("free", """{"slots": {"main": "model-a"}}""", "test", CancellationToken.None));
        var first = await TenancyFixture.ChatAsync(alice, "slot:main");
        Assert.Contains("from A:upstream-a", await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var admin = fixture.AdminClient();
        using var content = new StringContent("""{"slots": {"main": "model-b"}}""", System.Text.Encoding.UTF8, "application/json");
        var put = await admin.PutAsync("api/admin/tiers/free", content);
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());

        var second = await TenancyFixture.ChatAsync(alice, "slot:main");
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains("from B:upstream-b", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var records = await fixture.Host.FlushUsageAsync();
        var record = records[^1];
        Assert.Equal("main", record.Slot);
        Assert.Equal("alice", record.UserId);
    }

    [Fact]
    public async Task BadStoredRule_FallsBackToDefaults_AndRequestStillSucceeds()
    {
        await using var fixture = await TenancyFixture.StartAsync("multi-fixed", new Dictionary<string, string?> { ["Switchboard:Tenancy:AutoKey"] = "true" });
        var store = fixture.Host.Services.GetRequiredService<ISwitchboardStore>();
        await store.SetSettingAsync("tier.free", "{ this is not json", "test", CancellationToken.None);
        await fixture.Host.Services.GetRequiredService<Switchboard.Hosting.SwitchboardRuntime>().ReloadAsync();
        var (alice, _) = await fixture.UserClientAsync("alice");

        var response = await TenancyFixture.ChatAsync(alice, "slot:main");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(fixture.Host.Logs.Lines, l => l.Contains("Tier rule 'tier.free' is ignored", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RemovedModelBehindFastSlot_NextRequestSucceedsOnRepairedModel_AndRepairIsVisible()
    {
        await using var fixture = await TenancyFixture.StartAsync("multi-fixed", new Dictionary<string, string?> { ["Switchboard:Tenancy:AutoKey"] = "true" });
        Assert.Null(await fixture.Tenancy.SetRuleAsync("free", """{"slots": {"main": "model-a", "fast": "model-a"}}""", "test", CancellationToken.None));
        await fixture.SaveUserAsync("alice");
        var (alice, _) = await fixture.UserClientAsync("alice");
        Assert.Null(await fixture.Tenancy.SaveSelectionAsync(TenancyFixture.User("alice"), "fast", null, "model-b", null, null, create: false, CancellationToken.None));
        Assert.Contains("from B:", await (await TenancyFixture.ChatAsync(alice, "slot:fast")).Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var data = await fixture.Host.Services.GetRequiredService<ISwitchboardStore>().LoadAsync(CancellationToken.None);
        var modelB = data.Models.Single(m => m.DisplayName == "model-b");
        Assert.Null(await fixture.Tenancy.DeleteModelAsync(SystemUser.Id, modelB.Id, CancellationToken.None));

        var repaired = await TenancyFixture.ChatAsync(alice, "slot:fast");
        Assert.Equal(HttpStatusCode.OK, repaired.StatusCode);
        Assert.Contains("from A:upstream-a", await repaired.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var repairs = await fixture.Tenancy.ListRepairsAsync("alice", CancellationToken.None);
        var repair = Assert.Single(repairs);
        Assert.Equal("fast", repair.Slot);
        Assert.Equal("model-b", repair.FromModel);
        Assert.Equal("model-a", repair.ToModel);
        Assert.Equal("model_removed", repair.Reason);

        using var admin = fixture.AdminClient();
        var viaApi = await admin.GetStringAsync("api/admin/users/alice/slot-repairs");
        Assert.Contains("model_removed", viaApi, StringComparison.Ordinal);

        // A second request neither repairs again nor fails.
        Assert.Equal(HttpStatusCode.OK, (await TenancyFixture.ChatAsync(alice, "slot:fast")).StatusCode);
        Assert.Single(await fixture.Tenancy.ListRepairsAsync("alice", CancellationToken.None));
    }

    [Fact]
    public async Task UnknownSlot_Is404_DisabledUser_Is403()
    {
        await using var fixture = await TenancyFixture.StartAsync("multi-fixed", new Dictionary<string, string?> { ["Switchboard:Tenancy:AutoKey"] = "true" });
        var (alice, _) = await fixture.UserClientAsync("alice");

        var unknown = await TenancyFixture.ChatAsync(alice, "slot:nope");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("slot_not_found", (await TenancyFixture.ErrorAsync(unknown)).GetProperty("code").GetString());

        var (user, _, _) = await fixture.Tenancy.SaveUserAsync(new Switchboard.Abstractions.Tenancy.UserRecord { Id = "alice", Status = Switchboard.Abstractions.Tenancy.UserStatus.Disabled }, CancellationToken.None);
        Assert.NotNull(user);
        var disabled = await TenancyFixture.ChatAsync(alice, "model-a");
        Assert.Equal(HttpStatusCode.Forbidden, disabled.StatusCode);
        Assert.Equal("user_disabled", (await TenancyFixture.ErrorAsync(disabled)).GetProperty("code").GetString());
    }
}
