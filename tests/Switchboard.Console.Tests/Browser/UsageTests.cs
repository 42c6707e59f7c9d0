using Microsoft.Playwright;
using Switchboard.Console.Tests.Infrastructure;

namespace Switchboard.Console.Tests.Browser;

/// <summary>The usage page lists per-request records with filters, every field of one record, its routing log, grouping and the CSV export.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class UsageTests(ConsoleGateway fixture)
{
    [Fact]
    public async Task Admin_FiltersByUser_OpensEveryField_AndTheRoutingLog()
    {
        var user = ConsoleGateway.Unique("usage-user");
        var key = await fixture.CreateUserWithKeyAsync(user);
        var requestId = await fixture.ChatAsync(key, stream: true, agent: "usage-agent");

        await using var console = await fixture.Browser.OpenAsync(fixture.Gateway.BaseUrl);
        await console.SignInAndWaitAsync();
        await console.GoToAsync("usage");
        await console.Page.GetByLabel("User id").FillAsync(user);
        await console.Page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();

        await Assertions.Expect(console.ByTestId("usage-count")).ToHaveTextAsync("1 records shown");
        var row = console.ByTestId("usage-table").Locator($"tr[data-request-id='{requestId}']");
        await Assertions.Expect(row).ToContainTextAsync(user);
        await row.GetByTestId("usage-open").ClickAsync();

        // Every field of the record, under its API name; an admin sees the provider cost too.
        var fields = console.ByTestId("usage-fields");
        await Assertions.Expect(fields.Locator("dt")).ToHaveCountAsync(31);
        await Assertions.Expect(fields.Locator("dd[data-field='request_id']")).ToHaveTextAsync(requestId);
        await Assertions.Expect(fields.Locator("dd[data-field='agent_name']")).ToHaveTextAsync("usage-agent");
        await Assertions.Expect(fields.Locator("dd[data-field='stream']")).ToHaveTextAsync("true");
        await Assertions.Expect(fields.Locator("dd[data-field='protocol']")).ToHaveTextAsync("openai-chat");
        await Assertions.Expect(fields.Locator("dd[data-field='platform']")).ToHaveTextAsync("fakeai");
        await Assertions.Expect(fields.Locator("dd[data-field='provider_cost']")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\$\d"));

        await console.ByTestId("routing-log-open").ClickAsync();
        await Assertions.Expect(console.ByTestId("routing-log").Locator("dd[data-field='chosen']")).ToContainTextAsync("fakeai");
        await console.ScreenshotAsync("usage-details");
        Assert.Empty(console.Errors);
    }

    [Fact]
    public async Task Admin_GroupsByAgent_AndExportsTheFilteredCsv()
    {
        var user = ConsoleGateway.Unique("usage-csv");
        var key = await fixture.CreateUserWithKeyAsync(user);
        var first = await fixture.ChatAsync(key, agent: "csv-agent");
        var second = await fixture.ChatAsync(key, "qwen-flash", agent: "csv-agent");

        await using var console = await fixture.Browser.OpenAsync(fixture.Gateway.BaseUrl);
        await console.SignInAndWaitAsync();
        await console.GoToAsync("usage");
        await console.Page.GetByLabel("User id").FillAsync(user);
        await console.Page.GetByLabel("Group by").ClickAsync();
        await console.Page.GetByRole(AriaRole.Option, new() { Name = "Agent" }).ClickAsync();
        await console.Page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Assertions.Expect(console.ByTestId("usage-count")).ToHaveTextAsync("2 records shown");
        await Assertions.Expect(console.ByTestId("usage-groups").Locator("tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(console.ByTestId("usage-groups")).ToContainTextAsync("csv-agent");
        await console.ScreenshotAsync("usage");

        var download = await console.Page.RunAndWaitForDownloadAsync(() => console.ByTestId("usage-export").ClickAsync());
        Assert.Equal("usage-records.csv", download.SuggestedFilename);
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("request_id,", lines[0], StringComparison.Ordinal);
        Assert.Equal(3, lines.Length);
        Assert.Contains(first, csv, StringComparison.Ordinal);
        Assert.Contains(second, csv, StringComparison.Ordinal);
        Assert.Empty(console.Errors);
    }

    [Fact]
    public async Task Admin_FiltersAndGroupsByClientProtocol()
    {
        var user = ConsoleGateway.Unique("usage-protocol");
        var key = await fixture.CreateUserWithKeyAsync(user);
        await fixture.ChatAsync(key);

        await using var console = await fixture.Browser.OpenAsync(fixture.Gateway.BaseUrl);
        await console.SignInAndWaitAsync();
        await console.GoToAsync("usage");
        await console.Page.GetByLabel("User id").FillAsync(user);
        await console.Page.GetByLabel("Client protocol").ClickAsync();
        await console.Page.GetByRole(AriaRole.Option, new() { Name = "openai-chat" }).ClickAsync();
        await console.Page.GetByLabel("Group by").ClickAsync();
        await console.Page.GetByRole(AriaRole.Option, new() { Name = "Client protocol" }).ClickAsync();
        await console.Page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();

        await Assertions.Expect(console.ByTestId("usage-count")).ToHaveTextAsync("1 records shown");
        await Assertions.Expect(console.ByTestId("usage-groups").Locator("thead")).ToContainTextAsync("Client protocol");
        await Assertions.Expect(console.ByTestId("usage-groups").Locator("tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(console.ByTestId("usage-groups").Locator("tbody")).ToContainTextAsync("openai-chat");

        // No request of this user came through the Gemini API.
        await console.Page.GetByLabel("Client protocol").ClickAsync();
        await console.Page.GetByRole(AriaRole.Option, new() { Name = "gemini" }).ClickAsync();
        await console.Page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Assertions.Expect(console.ByTestId("usage-empty")).ToBeVisibleAsync();
        Assert.Empty(console.Errors);
    }

    [Fact]
    public async Task UserKey_ListsOnlyItsOwnRecords_WithoutCostOrRoutingLog()
    {
        var key = await fixture.CreateUserWithKeyAsync(ConsoleGateway.Unique("usage-own"));
        var other = await fixture.CreateUserWithKeyAsync(ConsoleGateway.Unique("usage-else"));
        var mine = await fixture.ChatAsync(key);
        var theirs = await fixture.ChatAsync(other);

        await using var console = await fixture.Browser.OpenAsync(fixture.Gateway.BaseUrl);
        await console.SignInAndWaitAsync(key);
        await console.GoToAsync("usage");
        await Assertions.Expect(console.ByTestId("usage-count")).ToHaveTextAsync("1 records shown");
        var table = console.ByTestId("usage-table");
        await Assertions.Expect(table.Locator($"tr[data-request-id='{mine}']")).ToHaveCountAsync(1);
        await Assertions.Expect(table.Locator($"tr[data-request-id='{theirs}']")).ToHaveCountAsync(0);
        await Assertions.Expect(console.Page.GetByLabel("User id")).ToHaveCountAsync(0);

        await table.GetByTestId("usage-open").ClickAsync();
        await Assertions.Expect(console.ByTestId("usage-fields").Locator("dt")).ToHaveCountAsync(30);
        await Assertions.Expect(console.ByTestId("usage-fields").Locator("dd[data-field='provider_cost']")).ToHaveCountAsync(0);
        await Assertions.Expect(console.ByTestId("routing-log-open")).ToHaveCountAsync(0);
        await console.ScreenshotAsync("usage-user");
        Assert.Empty(console.Errors);
    }
    [Fact]
    public async Task InvalidFilter_ShowsTheGatewaysErrorMessage()
    {
        await using var console = await fixture.Browser.OpenAsync(fixture.Gateway.BaseUrl);
        await console.SignInAndWaitAsync();
        await console.GoToAsync("usage");
        await console.Page.GetByLabel("Virtual key id").FillAsync("not-a-number");
        await console.Page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();

        // The gateway refuses the filter with a 400 naming the field; the page shows that message as it came.
        using var client = fixture.Gateway.CreateClient();
        using var refused = await client.GetAsync("api/admin/usage/records?virtual_key_id=not-a-number");
        using var body = System.Text.Json.JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
        var message = body.RootElement.GetProperty("error").GetProperty("message").GetString()!;
        Assert.Contains("virtual_key_id", message, StringComparison.Ordinal);
        await Assertions.Expect(console.ByTestId("api-error")).ToHaveTextAsync(message);
    }
}
