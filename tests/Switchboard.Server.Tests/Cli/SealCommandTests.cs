using System.Net;
using System.Net.Http.Json;
using Switchboard.Server.Cli;
using Switchboard.Server.Tests.Infrastructure;
using Switchboard.Testing;

namespace Switchboard.Server.Tests.Cli;

public sealed class SealCommandTests
{
    [Fact]
    public async Task Seal_ValueUsedAsEncApiKey_ReachesUpstreamDecrypted()
    {
        var directory = Path.Combine(Path.GetTempPath(), "sb-seal", Guid.NewGuid().ToString("N"));
        var env = new Dictionary<string, string?> { ["SWITCHBOARD_MASTER_KEY"] = GatewayHost.MasterKey, ["SWITCHBOARD_DATA_DIR"] = directory };
        var output = new StringWriter();

        Assert.True(CliCommands.TryRun(["seal", "sk-sealed-secret-42"], n => env.GetValueOrDefault(n), TextReader.Null, output, TextWriter.Null, out var exit));

        Assert.Equal(0, exit);
        var sealedValue = output.ToString().Trim();
        Assert.StartsWith("ENC:v1:", sealedValue);
        Assert.DoesNotContain("sk-sealed-secret-42", sealedValue);

        await using var upstream = await FakeUpstream.StartAsync();
        upstream.Handler = (ctx, _) => FakeUpstream.Json(ctx, 200, OpenAIFakeResponses.Completion("ok"));
        await using var host = await GatewayHost.StartAsync($"platforms:\n  s:\n    kind: openai\n    base_url: {upstream.BaseUrl}v1\n    api_key: '{sealedValue}'\n    models: {{ m: m }}\n");
        using var client = host.CreateClient();
        var response = await client.PostAsJsonAsync("v1/chat/completions", new { model = "m", messages = new[] { new { role = "user", content = "x" } } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Bearer sk-sealed-secret-42", upstream.LastRequest.Header("Authorization"));
    }

    [Fact]
    public void Seal_NoValue_ExitsWithUsageError()
    {
        var error = new StringWriter();
        Assert.True(CliCommands.TryRun(["seal", "-"], _ => null, new StringReader(""), TextWriter.Null, error, out var exit));
        Assert.Equal(2, exit);
        Assert.Contains("seal:", error.ToString());
    }
}
