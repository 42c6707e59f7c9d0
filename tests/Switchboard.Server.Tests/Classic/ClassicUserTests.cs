using System.Net;
using System.Net.Http.Json;
using Switchboard.Abstractions.Tenancy;
using Switchboard.Server.Tests.Tenancy;

namespace Switchboard.Server.Tests.Classic;

/// <summary><c>user_id</c> on the original service's chat route: an admin acts for anyone, a user only for itself, and single mode only records it.</summary>
public sealed class ClassicUserTests
{
    private const string Route = "api/v1/chat/completions";

    [Fact]
    public async Task Admin_ActsForAKnownUser_RunsAsThatUserAndBillsThem()
    {
        await using var fixture = await TenancyFixture.StartAsync("multi-fixed", AutoKey);
        await fixture.SaveUserAsync("alice");
        using var admin = fixture.AdminClient();

        var response = await admin.PostAsJsonAsync(Route, ClassicGateway.Body("model-a", userId: "alice"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var record = Assert.Single(await fixture.Host.FlushUsageAsync());
        Assert.Equal("alice", record.UserId);
        Assert.Equal("model-a", record.CatalogModel);
    }

    [Fact]
    public async Task Admin_ActsForAnUnknownUser_RunsOnTheDefaultTierLikeANewUser()
    {
        await using var fixture = await TenancyFixture.StartAsync("multi-fixed");
        using var admin = fixture.AdminClient();

        // The admin itself may use the server's key; a new user on the default tier may not (AutoKey is off), which shows whom the request ran as.
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync(Route, ClassicGateway.Body("model-a"))).StatusCode);
        var response = await admin.PostAsJsonAsync(Route, ClassicGateway.Body("model-a", userId: "user_never_seen"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("no_api_key", (await TenancyFixture.ErrorAsync(response)).GetProperty("code").GetString());
        Assert.Single(fixture.UpstreamA.Requests);
        var records = await fixture.Host.FlushUsageAsync();
        Assert.Equal(["-1", "user_never_seen"], records.OrderBy(r => r.Timestamp).Select(r => r.UserId));
    }

    [Fact]
    public async Task Admin_ActsForAnUnknownUserWithAutoKey_Succeeds()
    {
        await using var fixture = await TenancyFixture.StartAsync("multi-fixed", AutoKey);
        using var admin = fixture.AdminClient();

        var response = await admin.PostAsJsonAsync(Route, ClassicGateway.Body("model-b", userId: "user_123"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("user_123", Assert.Single(await fixture.Host.FlushUsageAsync()).UserId);
    }

    [Fact]
    public async Task User_ForAnotherUserId_Is403AndNothingRuns_ForItself_Runs()
    {
        await using var fixture = await TenancyFixture.StartAsync("multi-fixed", AutoKey);
        var (alice, _) = await fixture.UserClientAsync("alice");

        var refused = await alice.PostAsJsonAsync(Route, ClassicGateway.Body("model-a", userId: "bob"));
        var own = await alice.PostAsJsonAsync(Route, ClassicGateway.Body("model-a", userId: "alice"));

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var error = await TenancyFixture.ErrorAsync(refused);
        Assert.Equal("permission_error", error.GetProperty("type").GetString());
        Assert.Equal("user_id", error.GetProperty("param").GetString());
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Single(fixture.UpstreamA.Requests);
        var records = await fixture.Host.FlushUsageAsync();
        Assert.Equal(2, records.Count);
        Assert.All(records, r => Assert.Equal("alice", r.UserId));
    }

    [Fact]
    public async Task Admin_ForADisabledUser_Is403UserDisabled()
    {
        await using var fixture = await TenancyFixture.StartAsync("multi-fixed", AutoKey);
        var (user, _, saveError) = await fixture.Tenancy.SaveUserAsync(new UserRecord { Id = "mallory", Status = UserStatus.Disabled }, CancellationToken.None);
        Assert.Null(saveError);
        Assert.NotNull(user);
        using var admin = fixture.AdminClient();

        var response = await admin.PostAsJsonAsync(Route, ClassicGateway.Body("model-a", userId: "mallory"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("user_disabled", (await TenancyFixture.ErrorAsync(response)).GetProperty("code").GetString());
        Assert.Empty(fixture.UpstreamA.Requests);
    }

    [Fact]
    public async Task SingleMode_AnyKeyMayNameAUser_ItIsRecordedAndTheRequestRunsAsUsual()
    {
        await using var fixture = await TenancyFixture.StartAsync("single");
        var (alice, _) = await fixture.UserClientAsync("alice");

        var response = await alice.PostAsJsonAsync(Route, ClassicGateway.Body("model-a", userId: "customer-42"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"Bearer {TenancyFixture.ServerKeyA}", fixture.UpstreamA.LastRequest.Header("Authorization"));
        Assert.Equal("customer-42", Assert.Single(await fixture.Host.FlushUsageAsync()).UserId);
    }

    private static Dictionary<string, string?> AutoKey => new() { ["Switchboard:Tenancy:AutoKey"] = "true" };
}
