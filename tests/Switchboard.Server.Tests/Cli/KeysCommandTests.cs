using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests.Cli;

/// <summary>Runs <c>keys create|list|revoke</c> from the built binary, on the local database and against a running gateway.</summary>
public sealed class KeysCommandTests
{
    [Fact]
    public async Task Local_CreateListRevoke_ReachesAGatewayOnTheSameDatabase()
    {
        await using var install = await LocalInstall.CreateAsync();
        await using var host = await install.StartGatewayAsync();
        using var client = host.CreateClient(key: null);

        var created = await CliProcess.RunAsync(["keys", "create", "--name", "from <cli>", "--models", "demo", "--budget", "2.5", "--rpm", "30"], install.Environment);
        Assert.True(created.ExitCode == 0, created.ToString());
        var key = created.Output.Trim();
        Assert.Matches("^sb-[A-Za-z0-9]{20,}$", key);
        Assert.Contains("It is shown only this once", created.Error, StringComparison.Ordinal);

        // The gateway shares the database and loads the new key on its next configuration check.
        await WaitForStatusAsync(client, key, HttpStatusCode.OK);

        var list = await CliProcess.RunAsync(["keys", "list"], install.Environment);
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Contains("from <cli>", list.Output, StringComparison.Ordinal);
        Assert.Contains($"{key[..4]}…{key[^4..]}", list.Output, StringComparison.Ordinal);
        Assert.Contains("$2.5/month", list.Output, StringComparison.Ordinal);
        Assert.Contains("30 rpm", list.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(key, list.Output, StringComparison.Ordinal);

        var id = JsonDocument.Parse((await CliProcess.RunAsync(["keys", "list", "--json"], install.Environment)).Output)
            .RootElement.GetProperty("data").EnumerateArray().Single(k => k.GetProperty("name").GetString() == "from <cli>").GetProperty("id").GetInt64();
        var revoked = await CliProcess.RunAsync(["keys", "revoke", id.ToString(System.Globalization.CultureInfo.InvariantCulture)], install.Environment);
        Assert.True(revoked.ExitCode == 0, revoked.ToString());
        Assert.Contains($"Revoked virtual key {id}", revoked.Output, StringComparison.Ordinal);
        await WaitForStatusAsync(client, key, HttpStatusCode.Unauthorized);

        var audit = await host.CreateClient().GetStringAsync(new Uri("api/admin/audit?action=virtual_key.revoke", UriKind.Relative));
        Assert.Contains("\"request_id\":\"cli\"", audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Remote_CreateListRevoke_ThroughTheAdminApi()
    {
        await using var host = await GatewayHost.StartAsync();
        using var client = host.CreateClient(key: null);
        var url = host.BaseUrl.ToString();
        var admin = new Dictionary<string, string?> { ["SWITCHBOARD_ADMIN_KEY"] = GatewayHost.AdminKey };

        var created = await CliProcess.RunAsync(["keys", "create", "--name", "remote", "--url", url, "--json"], admin);
        Assert.True(created.ExitCode == 0, created.ToString());
        var body = JsonDocument.Parse(created.Output).RootElement;
        var key = body.GetProperty("key").GetString()!;
        var id = body.GetProperty("id").GetInt64();
        await WaitForStatusAsync(client, key, HttpStatusCode.OK);

        var list = await CliProcess.RunAsync(["keys", "list", "--url", url, "--key", GatewayHost.AdminKey]);
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Contains("remote", list.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(key, list.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(GatewayHost.AdminKey, list.Output + list.Error, StringComparison.Ordinal);

        var revoked = await CliProcess.RunAsync(["keys", "revoke", id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--url", url], admin);
        Assert.True(revoked.ExitCode == 0, revoked.ToString());
        await WaitForStatusAsync(client, key, HttpStatusCode.Unauthorized);

        var missing = await CliProcess.RunAsync(["keys", "revoke", "999999", "--url", url], admin);
        Assert.True(missing.ExitCode == 1, missing.ToString());
        Assert.Contains("No virtual key with id 999999", missing.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Remote_RefusedKey_FailsWithoutPrintingIt()
    {
        await using var host = await GatewayHost.StartAsync();

        var result = await CliProcess.RunAsync(["keys", "list", "--url", host.BaseUrl.ToString(), "--key", "sb-wrong-admin-key-123456"]);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("refused the admin key (401)", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("sb-wrong-admin-key-123456", result.Output + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Local_InvalidValue_IsRefusedWithTheRoutesMessage()
    {
        await using var install = await LocalInstall.CreateAsync();

        var result = await CliProcess.RunAsync(["keys", "create", "--role", "owner"], install.Environment);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("'role' must be 'user' or 'admin'.", result.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Output);
    }

    [Fact]
    public async Task Local_NoDatabaseYet_ExitsWithTheDatabaseCode_AndCreatesNone()
    {
        var directory = Path.Combine(Path.GetTempPath(), "sb-cli-none", Guid.NewGuid().ToString("N"));

        var result = await CliProcess.RunAsync(["keys", "list"], new Dictionary<string, string?> { ["SWITCHBOARD_DATA_DIR"] = directory });

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains("there is no database yet", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(directory));
    }

    private static async Task WaitForStatusAsync(HttpClient client, string key, HttpStatusCode expected)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "v1/models");
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
            using var response = await client.SendAsync(request);
            if (response.StatusCode == expected)
            {
                return;
            }

            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), $"the key still answers {response.StatusCode}, not {expected}, after 30 s");
            await Task.Delay(100);
        }
    }
}
