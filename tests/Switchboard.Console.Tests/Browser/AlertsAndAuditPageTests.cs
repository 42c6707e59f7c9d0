using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Switchboard.Abstractions.Storage;
using Switchboard.Abstractions.Usage;
using Switchboard.Console.Tests.Infrastructure;

namespace Switchboard.Console.Tests.Browser;

/// <summary>The alerts and audit pages in a real Chromium: both list stored data and narrow it with their filters.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class AlertsAndAuditPageTests(ConsoleGateway fixture)
{
    [Fact]
    public async Task Alerts_ListStoredAlerts_AndFilterByKindAndSubject()
    {
        await using var host = await ConfigPagesGateway.StartAsync();
        var store = host.Gateway.Services.GetRequiredService<IUsageStore>();
        var now = DateTimeOffset.UtcNow;
        await store.InsertAlertAsync(new AlertRecord { DedupKey = "error_rate_spike:fakeai", Kind = "error_rate_spike", Severity = "critical", Subject = "fakeai", Message = "Error rate 80% over 5 minutes", Value = 0.8, Threshold = 0.5, CreatedAt = now.AddMinutes(-5) }, CancellationToken.None);
        await store.InsertAlertAsync(new AlertRecord { DedupKey = "quota_threshold:user-42", Kind = "quota_threshold", Subject = "user-42", Message = "User user-42 used 85% of their budget", Value = 0.85, Threshold = 0.8, CreatedAt = now.AddMinutes(-1) }, CancellationToken.None);

        await using var console = await host.OpenAsync(fixture.Browser, "alerts");
        var table = console.Page.GetByTestId("alert-table");
        await Assertions.Expect(table.Locator("tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(table).ToContainTextAsync("Error rate 80% over 5 minutes");
        await Assertions.Expect(table).ToContainTextAsync("critical");
        await Assertions.Expect(console.Page.GetByRole(AriaRole.Button, new() { Name = "Refresh" })).ToBeEnabledAsync();
        await console.ScreenshotAsync("alerts");

        await console.Page.GetByLabel("Kind").ClickAsync();
        await console.Page.GetByRole(AriaRole.Option, new() { Name = "quota_threshold" }).ClickAsync();
        await Assertions.Expect(table.Locator("tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(table).ToContainTextAsync("user-42");

        await console.Page.GetByLabel("Subject").FillAsync("nobody");
        await Assertions.Expect(console.Page.GetByTestId("alerts-empty")).ToBeVisibleAsync();
        Assert.Empty(console.Errors);
    }

    [Fact]
    public async Task Audit_ListsChangesWithBeforeAndAfter_AndFiltersByAction()
    {
        await using var host = await ConfigPagesGateway.StartAsync();
        using (var client = host.Gateway.CreateClient())
        {
            using var patch = await client.PatchAsync("api/admin/catalog", System.Net.Http.Json.JsonContent.Create(new { ids = new[] { "gpt-4o-mini" }, user_input_price = 0.42 }));
            patch.EnsureSuccessStatusCode();
        }

        var (status, _) = await host.PostJsonAsync("api/admin/keys", new { name = "audited key" });
        Assert.Equal(201, status);

        await using var console = await host.OpenAsync(fixture.Browser, "audit");
        var table = console.Page.GetByTestId("audit-table");
        await Assertions.Expect(table.Locator("tr[data-action='catalog_model.update']")).ToContainTextAsync("gpt-4o-mini");
        await Assertions.Expect(table.Locator("tr[data-action='virtual_key.create']")).ToHaveCountAsync(1);

        var row = table.Locator("tr[data-action='catalog_model.update']");
        await Assertions.Expect(row.GetByTestId("audit-change").Filter(new() { HasText = "user_price" })).ToContainTextAsync("\"input_per_million\":0.42");
        await row.GetByText("Whole value before and after").ClickAsync();
        await Assertions.Expect(row.Locator("pre").Last).ToContainTextAsync("0.42");
        await console.ScreenshotAsync("audit");

        await console.Page.GetByLabel("Action").FillAsync("virtual_key.create");
        await console.Page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Assertions.Expect(table.Locator("tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(table).ToContainTextAsync("virtual_key.create");
        Assert.Empty(console.Errors);
    }
}
