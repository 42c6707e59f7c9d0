using Microsoft.Playwright;
using Switchboard.Console.Tests.Infrastructure;

namespace Switchboard.Console.Tests.Browser;

/// <summary>The playground streams a chat through the gateway and shows the reply as it arrives, then its usage, cost, latency and source.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class PlaygroundTests(ConsoleGateway fixture)
{
    private static readonly string FullReply = string.Concat(ConsoleGateway.ReplyPieces);

    [Fact]
    public async Task Admin_SeesTheReplyArrivePieceByPiece_ThenUsageCostAndSource()
    {
        await using var console = await fixture.Browser.OpenAsync(fixture.Gateway.BaseUrl);
        await console.SignInAndWaitAsync();
        await console.GoToAsync("playground");
        await console.Page.GetByLabel("Model or slot").ClickAsync();
        await console.Page.GetByRole(AriaRole.Option, new() { Name = "qwen-flash" }).ClickAsync();
        await console.Page.GetByLabel("Message").FillAsync("Say hello.");

        // Long pauses between the upstream's pieces: a reply shown only when complete could never be seen half-written.
        fixture.StreamDelay = TimeSpan.FromMilliseconds(700);
        try
        {
            await console.Page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
            var reply = console.ByTestId("playground-reply");
            await Assertions.Expect(reply).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Hello"));
            Assert.NotEqual(FullReply, await reply.InnerTextAsync());
            await Assertions.Expect(reply).ToHaveTextAsync(FullReply);
        }
        finally
        {
            fixture.StreamDelay = TimeSpan.FromMilliseconds(20);
        }

        var stats = console.ByTestId("playground-stats");
        await Assertions.Expect(stats.Locator("dd[data-field='source']")).ToHaveTextAsync("fakeai/qwen-flash");
        await Assertions.Expect(stats.Locator("dd[data-field='tokens']")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+ / \d+$"));
        await Assertions.Expect(stats.Locator("dd[data-field='provider-cost']")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\$\d"));
        await Assertions.Expect(stats.Locator("dd[data-field='ttft']")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@" ms$"));

        // The request id is the usage record's: the gateway stored this very request, streamed, for qwen-flash.
        var requestId = await stats.Locator("dd[data-field='request-id']").InnerTextAsync();
        var record = await fixture.AdminAsync(HttpMethod.Get, "api/admin/usage/records/" + requestId);
        Assert.Equal("qwen-flash", record.GetProperty("requested_model").GetString());
        Assert.True(record.GetProperty("stream").GetBoolean());
        await console.ScreenshotAsync("playground");

        // The request id opens the request's record on the usage page.
        await stats.Locator("dd[data-field='request-id'] a").ClickAsync();
        await Assertions.Expect(console.ByTestId("usage-fields").Locator("dd[data-field='request_id']")).ToHaveTextAsync(requestId);
        Assert.Empty(console.Errors);
    }

    [Fact]
    public async Task UserKey_OffersOnlyItsAllowedModels_AndGetsItsOwnRecord()
    {
        var user = ConsoleGateway.Unique("playground-user");
        await fixture.AdminAsync(HttpMethod.Put, "api/admin/users/" + user, new { });
        var key = await fixture.CreateKeyAsync(new { name = "playground", user_id = user, role = "user", allowed_models = new[] { "gpt-4o-mini" } });

        await using var console = await fixture.Browser.OpenAsync(fixture.Gateway.BaseUrl);
        await console.SignInAndWaitAsync(key);
        await console.GoToAsync("playground");
        await console.Page.GetByLabel("Model or slot").ClickAsync();
        await Assertions.Expect(console.Page.GetByRole(AriaRole.Option)).ToHaveTextAsync(["gpt-4o-mini"]);
        await console.Page.Keyboard.PressAsync("Escape");
        await console.Page.GetByLabel("Message").FillAsync("Hi");
        await console.Page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();

        await Assertions.Expect(console.ByTestId("playground-reply")).ToHaveTextAsync(FullReply);
        var stats = console.ByTestId("playground-stats");
        await Assertions.Expect(stats.Locator("dd[data-field='user-price']")).ToBeVisibleAsync();
        await Assertions.Expect(stats.Locator("dd[data-field='provider-cost']")).ToHaveCountAsync(0);
        var records = await fixture.AdminAsync(HttpMethod.Get, "api/admin/usage/records?user_id=" + user);
        Assert.Equal(1, records.GetProperty("data").GetArrayLength());
        await console.ScreenshotAsync("playground-user");
        Assert.Empty(console.Errors);
    }
    [Fact]
    public async Task RefusedRequest_ShowsTheGatewaysErrorMessage()
    {
        var user = ConsoleGateway.Unique("playground-limited");
        await fixture.AdminAsync(HttpMethod.Put, "api/admin/users/" + user, new { });
        var key = await fixture.CreateKeyAsync(new { name = "one a minute", user_id = user, role = "user", rpm = 1 });
        await fixture.ChatAsync(key);

        await using var console = await fixture.Browser.OpenAsync(fixture.Gateway.BaseUrl);
        await console.SignInAndWaitAsync(key);
        await console.GoToAsync("playground");
        await console.Page.GetByLabel("Model or slot").ClickAsync();
        await console.Page.GetByRole(AriaRole.Option, new() { Name = "gpt-4o-mini" }).ClickAsync();
        await console.Page.GetByLabel("Message").FillAsync("Hi again");

        // One request a minute: of three sends in a row at least two fall in one minute (the seeded request may not), so one
        // is refused, and the page shows the gateway's own error.message, not a status line.
        var send = console.Page.GetByRole(AriaRole.Button, new() { Name = "Send" });
        var error = console.ByTestId("api-error");
        for (var attempt = 0; attempt < 3 && await error.CountAsync() == 0; attempt++)
        {
            await console.Page.RunAndWaitForResponseAsync(() => send.ClickAsync(), r => r.Url.EndsWith("/v1/chat/completions", StringComparison.Ordinal));
            await Assertions.Expect(send).ToBeEnabledAsync();
        }

        await Assertions.Expect(error).ToContainTextAsync("requests-per-minute limit");
        await Assertions.Expect(console.ByTestId("playground-reply")).ToHaveTextAsync("");
        await console.ScreenshotAsync("playground-error");
        Assert.Empty(console.Errors);
    }
    [Fact]
    public async Task Stop_EndsTheStreamMidway_AndTheGatewayRecordsItCancelled()
    {
        await using var console = await fixture.Browser.OpenAsync(fixture.Gateway.BaseUrl);
        await console.SignInAndWaitAsync();
        await console.GoToAsync("playground");
        await console.Page.GetByLabel("Model or slot").ClickAsync();
        await console.Page.GetByRole(AriaRole.Option, new() { Name = "gpt-4o-mini" }).ClickAsync();
        await console.Page.GetByLabel("Message").FillAsync("Say hello slowly.");
        fixture.StreamDelay = TimeSpan.FromMilliseconds(1500);
        try
        {
            await console.Page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
            var reply = console.ByTestId("playground-reply");
            await Assertions.Expect(reply).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Hello"));
            await console.Page.GetByRole(AriaRole.Button, new() { Name = "Stop" }).ClickAsync();
            await Assertions.Expect(console.Page.GetByText("Stopped.")).ToBeVisibleAsync();
            Assert.NotEqual(FullReply, await reply.InnerTextAsync());

            // The browser dropped the request: the gateway records it as cancelled, under the same request id.
            var requestId = await console.ByTestId("playground-stats").Locator("dd[data-field='request-id']").InnerTextAsync();
            var status = "";
            for (var i = 0; i < 100 && status != "cancelled"; i++)
            {
                await fixture.Gateway.FlushUsageAsync();
                using var client = fixture.Gateway.CreateClient();
                using var response = await client.GetAsync("api/admin/usage/records/" + requestId);
                status = response.IsSuccessStatusCode
                    ? System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString()!
                    : "";
                await Task.Delay(100);
            }

            Assert.Equal("cancelled", status);
        }
        finally
        {
            fixture.StreamDelay = TimeSpan.FromMilliseconds(20);
        }

        Assert.Empty(console.Errors);
    }
}
