using Microsoft.Playwright;
using Switchboard.Console.Tests.Infrastructure;

namespace Switchboard.Console.Tests.Browser;

/// <summary>The price import page in a real Chromium: a dry run shows the diff and changes nothing; applying changes the provider cost.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class PricesPageTests(ConsoleGateway fixture)
{
    private const string PriceList = """
        {"gpt-4o-mini": {"input_cost_per_token": 2e-07, "output_cost_per_token": 8e-07, "max_input_tokens": 128000, "litellm_provider": "openai", "mode": "chat"}}
        """;

    [Fact]
    public async Task DryRun_ShowsTheDiffAndChangesNothing_ThenApplyChangesTheCost()
    {
        await using var host = await ConfigPagesGateway.StartAsync();
        await using var console = await host.OpenAsync(fixture.Browser, "prices");

        // Applying needs a dry run of the text first.
        var apply = console.Page.GetByRole(AriaRole.Button, new() { Name = "Apply", Exact = true });
        await console.Page.GetByLabel("Price list (JSON)").FillAsync(PriceList);
        await Assertions.Expect(apply).ToBeDisabledAsync();
        await console.Page.GetByRole(AriaRole.Button, new() { Name = "Dry run" }).ClickAsync();

        await Assertions.Expect(console.Page.GetByTestId("import-preview")).ToContainTextAsync("1 models would change");
        var row = console.Page.GetByTestId("price-diff").Locator("tr[data-model='gpt-4o-mini']");
        await Assertions.Expect(row).ToContainTextAsync("$0.15 / $0.60");
        await Assertions.Expect(row).ToContainTextAsync("$0.20 / $0.80");
        await Assertions.Expect(console.Page.GetByTestId("price-unmatched")).ToContainTextAsync("retired-model");
        await console.ScreenshotAsync("prices-dry-run");
        Assert.Equal(0.15m, await CostAsync(host));

        await apply.ClickAsync();
        await Assertions.Expect(console.Page.GetByTestId("import-applied")).ToContainTextAsync("Applied: 1 models updated");
        await console.ScreenshotAsync("prices-applied");
        Assert.Equal(0.2m, await CostAsync(host));
        Assert.Empty(console.Errors);
    }

    [Fact]
    public async Task BrokenPriceList_ShowsTheGatewaysError()
    {
        await using var host = await ConfigPagesGateway.StartAsync();
        await using var console = await host.OpenAsync(fixture.Browser, "prices");
        await console.Page.GetByLabel("Price list (JSON)").FillAsync("{ not json");
        await console.Page.GetByRole(AriaRole.Button, new() { Name = "Dry run" }).ClickAsync();
        await Assertions.Expect(console.Page.GetByTestId("api-error")).ToBeVisibleAsync();
        await console.ScreenshotAsync("prices-error");
        Assert.Equal(0.15m, await CostAsync(host));
    }

    private static async Task<decimal> CostAsync(ConfigPagesGateway host) =>
        (await host.CatalogModelAsync("gpt-4o-mini")).GetProperty("sources")[0].GetProperty("cost").GetProperty("input_per_million").GetDecimal();
}
