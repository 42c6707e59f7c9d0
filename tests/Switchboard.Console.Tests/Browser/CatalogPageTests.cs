using Microsoft.Playwright;
using Switchboard.Console.Tests.Infrastructure;

namespace Switchboard.Console.Tests.Browser;

/// <summary>The catalog page in a real Chromium: the list with its data, a batch price change the REST API then shows, and the sync diff applied.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class CatalogPageTests(ConsoleGateway fixture)
{
    [Fact]
    public async Task Catalog_ListsModels_AndBatchEditsPricesOfTheSelectedRows()
    {
        await using var host = await ConfigPagesGateway.StartAsync();

        // A hostile display name must render as text: no script runs, no markup is made of it.
        const string Hostile = "<script>window.__pwned=1</script>\"quoted\" \u202Ertl";
        var (status, _) = await PatchAsync(host, new { ids = new[] { "retired-model" }, display_name = Hostile });
        Assert.Equal(200, status);

        await using var console = await host.OpenAsync(fixture.Browser, "catalog");
        var table = console.Page.GetByTestId("catalog-table");
        await Assertions.Expect(table.Locator("tr[data-model='gpt-4o-mini']")).ToContainTextAsync("fakeai / gpt-4o-mini");
        await Assertions.Expect(table.Locator("tr[data-model='gpt-4o-mini'] [data-testid='source-cost']")).ToHaveTextAsync("$0.15 / $0.60");
        await Assertions.Expect(table.Locator("tr[data-model='gpt-4o-mini'] [data-testid='user-price']")).ToHaveTextAsync("$0.00 / $0.00");
        await Assertions.Expect(table.Locator("tr[data-model='retired-model']")).ToContainTextAsync(Hostile);
        Assert.Null(await console.Page.EvaluateAsync<int?>("window.__pwned"));

        // The text filter asks the API; the tier filter narrows what is shown.
        await console.Page.GetByLabel("Search (id or name)").FillAsync("gpt");
        await console.Page.GetByRole(AriaRole.Button, new() { Name = "Filter", Exact = true }).ClickAsync();
        await Assertions.Expect(table.Locator("tbody tr")).ToHaveCountAsync(1);
        await console.Page.GetByLabel("Search (id or name)").FillAsync("");
        await console.Page.GetByRole(AriaRole.Button, new() { Name = "Filter", Exact = true }).ClickAsync();
        using (var all = await host.GetJsonAsync("api/admin/catalog"))
        {
            await Assertions.Expect(table.Locator("tbody tr")).ToHaveCountAsync(all.RootElement.GetProperty("total").GetInt32());
        }

        await console.Page.GetByLabel("Select gpt-4o-mini").CheckAsync();
        await console.Page.GetByLabel("Select retired-model").CheckAsync();
        var batch = console.Page.GetByTestId("batch-panel");
        await Assertions.Expect(batch).ToContainTextAsync("Change 2 selected models");
        await batch.GetByLabel("User input price (per 1M)").FillAsync("0.5");
        await batch.GetByLabel("User output price (per 1M)").FillAsync("1.25");
        await batch.GetByLabel("Add tags (comma-separated)").FillAsync("console-edited");
        await batch.GetByLabel("Required tier").FillAsync("pro");
        await batch.GetByRole(AriaRole.Button, new() { Name = "Apply to selected" }).ClickAsync();
        await Assertions.Expect(console.Page.GetByTestId("batch-result")).ToHaveTextAsync("Changed 2 models.");
        await Assertions.Expect(table.Locator("tr[data-model='gpt-4o-mini'] [data-testid='user-price']")).ToHaveTextAsync("$0.50 / $1.25");
        await console.ScreenshotAsync("catalog");

        // The tier filter narrows the list to the models that now need "pro".
        await console.Page.GetByLabel("Tier", new() { Exact = true }).FillAsync("pro");
        await Assertions.Expect(table.Locator("tbody tr")).ToHaveCountAsync(2);
        await console.Page.GetByLabel("Tier", new() { Exact = true }).FillAsync("");

        foreach (var id in new[] { "gpt-4o-mini", "retired-model" })
        {
            var model = await host.CatalogModelAsync(id);
            Assert.Equal(0.5m, model.GetProperty("user_price").GetProperty("input_per_million").GetDecimal());
            Assert.Equal(1.25m, model.GetProperty("user_price").GetProperty("output_per_million").GetDecimal());
            Assert.Contains("console-edited", model.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
            Assert.Equal("pro", model.GetProperty("tier_required").GetString());
        }

        Assert.Empty(console.Dialogs);
        Assert.Empty(console.Errors);
    }

    [Fact]
    public async Task SyncDiff_MarksAddedAndMissingModels_AndApplyingChangesTheCatalog()
    {
        await using var host = await ConfigPagesGateway.StartAsync();
        host.UpstreamModels = ["gpt-4o-mini", "new-model-x"];
        await using var console = await host.OpenAsync(fixture.Browser, "catalog");

        var sync = console.Page.GetByTestId("sync-panel");
        await sync.GetByRole(AriaRole.Button, new() { Name = "Show the differences" }).ClickAsync();
        await Assertions.Expect(sync.GetByTestId("sync-summary")).ToContainTextAsync("1 added, 1 missing,");
        await Assertions.Expect(sync.Locator("tr[data-sync='added'][data-model='new-model-x']")).ToContainTextAsync("added");
        await Assertions.Expect(sync.Locator("tr[data-sync='missing'][data-model='retired-model']")).ToContainTextAsync("missing");
        await console.ScreenshotAsync("catalog-sync");

        // Computing the diff changed nothing.
        using (var before = await host.GetJsonAsync("api/admin/catalog"))
        {
            Assert.DoesNotContain("new-model-x", before.RootElement.GetRawText(), StringComparison.Ordinal);
        }

        await sync.GetByRole(AriaRole.Button, new() { Name = "Apply 2 chosen changes" }).ClickAsync();
        await Assertions.Expect(sync.GetByTestId("sync-result")).ToHaveTextAsync("Added 1 models, disabled 1, skipped 0.");
        await Assertions.Expect(console.Page.GetByTestId("catalog-table").Locator("tr[data-model='new-model-x']")).ToBeVisibleAsync();

        Assert.True((await host.CatalogModelAsync("new-model-x")).GetProperty("active").GetBoolean());

        // The model the platform no longer serves is disabled, so it is no longer a source of the catalog.
        await Assertions.Expect(console.Page.GetByTestId("catalog-table").Locator("tr[data-model='retired-model']")).ToHaveCountAsync(0);
        using var after = await host.GetJsonAsync("api/admin/catalog");
        Assert.DoesNotContain(after.RootElement.GetProperty("data").EnumerateArray(), m => m.GetProperty("id").GetString() == "retired-model");

        // The page's own strings follow the console's language.
        await console.Page.GetByLabel("Language").ClickAsync();
        await console.Page.GetByRole(AriaRole.Option, new() { Name = "简体中文" }).ClickAsync();
        await Assertions.Expect(sync).ToContainTextAsync("与平台同步");
        await Assertions.Expect(sync.GetByTestId("sync-result")).ToHaveTextAsync("已新增 1 个模型，停用 1 个，跳过 0 个。");
        await Assertions.Expect(console.Page.GetByTestId("catalog-count")).ToHaveTextAsync($"共 {after.RootElement.GetProperty("total").GetInt32()} 个模型");
        await console.ScreenshotAsync("catalog-zh");
        Assert.Empty(console.Errors);
    }

    private static async Task<(int Status, string Body)> PatchAsync(ConfigPagesGateway host, object body)
    {
        using var client = host.Gateway.CreateClient();
        using var response = await client.PatchAsync("api/admin/catalog", System.Net.Http.Json.JsonContent.Create(body));
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
