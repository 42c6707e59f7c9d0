using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Switchboard.Server.Tests.Infrastructure;
using Switchboard.Testing;

namespace Switchboard.Server.Tests.Status;

/// <summary>Checks that alerts are stored, listed by the admin API and delivered to the webhook once per cooldown, not once per request.</summary>
public sealed class AlertTests : IAsyncLifetime
{
    private const string Yaml = """
        platforms:
          priced:
            kind: demo
            base_url: https://priced.demo.invalid
            models:
              priced-demo: { model_name: demo, input_price: 2, output_price: 8 }
        catalog:
          paid-chat:
            user_input_price: 3
            user_output_price: 12
            sources:
              - { platform: priced, model: priced-demo }
        """;

    private readonly ConcurrentQueue<JsonElement> _delivered = new();
    private FakeUpstream _webhook = null!;
    private GatewayHost _host = null!;

    public async Task InitializeAsync()
    {
        _webhook = await FakeUpstream.StartAsync();
        _webhook.Handler = (ctx, request) =>
        {
            _delivered.Enqueue(request.Json().RootElement.Clone());
            return FakeUpstream.Json(ctx, 200, "{}");
        };
        _host = await GatewayHost.StartAsync(Yaml, settings: new Dictionary<string, string?>
        {
            ["Switchboard:Alerts:EvaluationInterval"] = "00:00:00.200",
            ["Switchboard:Alerts:WebhookUrl"] = _webhook.BaseUrl + "hooks/alerts",
            ["Switchboard:Alerts:Quotas:-1"] = "0.0001",
            ["Switchboard:Alerts:QuotaThreshold"] = "0.8",
        });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _webhook.DisposeAsync();
    }

    [Fact]
    public async Task QuotaCrossedByManyRequests_WebhookGetsOneAlertAndAdminListsIt()
    {
        using var client = _host.CreateClient();
        for (var i = 0; i < 10; i++)
        {
            (await client.PostAsJsonAsync("v1/chat/completions", new { model = "paid-chat", messages = new[] { new { role = "user", content = $"spend {i}" } } })).EnsureSuccessStatusCode();
            await _host.FlushUsageAsync();
            await Task.Delay(150);
        }

        await WaitUntilAsync(() => !_delivered.IsEmpty);
        await Task.Delay(1000);

        var alert = Assert.Single(_delivered);
        Assert.Equal("quota_threshold", alert.GetProperty("kind").GetString());
        Assert.Equal("-1", alert.GetProperty("subject").GetString());
        Assert.Equal("critical", alert.GetProperty("severity").GetString());
        Assert.Equal("/hooks/alerts", _webhook.LastRequest.Path);

        var listed = (await client.GetFromJsonAsync<JsonElement>("api/admin/alerts")).GetProperty("data");
        var stored = Assert.Single(listed.EnumerateArray());
        Assert.Equal(alert.GetProperty("id").GetInt64(), stored.GetProperty("id").GetInt64());
        Assert.NotEqual(JsonValueKind.Null, stored.GetProperty("delivered_at").ValueKind);

        var again = (await (await client.PostAsync("api/admin/alerts/evaluate", null)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data");
        Assert.Equal(0, again.GetArrayLength());
        Assert.Single(_delivered);

        var created = await (await client.PostAsJsonAsync("api/admin/keys", new { user_id = "bob" })).Content.ReadFromJsonAsync<JsonElement>();
        using var bob = _host.CreateClient(created.GetProperty("key").GetString());
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await bob.GetAsync("api/admin/alerts")).StatusCode);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Timed out waiting for the webhook.");
            await Task.Delay(50);
        }
    }
}
