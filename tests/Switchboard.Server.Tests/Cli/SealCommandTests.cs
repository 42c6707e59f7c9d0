using System.Net;
using System.Net.Http.Json;
using Switchboard.Server.Tests.Infrastructure;
using Switchboard.Testing;

namespace Switchboard.Server.Tests.Cli;

/// <summary>Runs <c>seal</c> from the built binary; the sealed value works as <c>api_key</c> in the platforms file.</summary>
/// <remarks>Replaces the in-process tests of the hand-written parser; the same cases, through the real command line.</remarks>
public sealed class SealCommandTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Seal_ValueUsedAsEncApiKey_ReachesUpstreamDecrypted(bool fromStandardInput)
    {
        var directory = Path.Combine(Path.GetTempPath(), "sb-seal", Guid.NewGuid().ToString("N"));
        var env = new Dictionary<string, string?> { ["SWITCHBOARD_MASTER_KEY"] = GatewayHost.MasterKey, ["SWITCHBOARD_DATA_DIR"] = directory };

        var result = fromStandardInput
            ? await CliProcess.RunAsync(["seal", "-"], env, input: "sk-sealed-secret-42\n")
            : await CliProcess.RunAsync(["seal", "sk-sealed-secret-42"], env);

        Assert.True(result.ExitCode == 0, result.ToString());
        var sealedValue = result.Output.Trim();
        Assert.StartsWith("ENC:v1:", sealedValue, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-sealed-secret-42", result.Output + result.Error, StringComparison.Ordinal);

        await using var upstream = await FakeUpstream.StartAsync();
        upstream.Handler = (ctx, _) => FakeUpstream.Json(ctx, 200, OpenAIFakeResponses.Completion("ok"));
        await using var host = await GatewayHost.StartAsync($"platforms:\n  s:\n    kind: openai\n    base_url: {upstream.BaseUrl}v1\n    api_key: '{sealedValue}'\n    models: {{ m: m }}\n");
        using var client = host.CreateClient();
        var response = await client.PostAsJsonAsync("v1/chat/completions", new { model = "m", messages = new[] { new { role = "user", content = "x" } } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Bearer sk-sealed-secret-42", upstream.LastRequest.Header("Authorization"));
    }

    [Fact]
    public async Task Seal_NoMasterKey_GeneratesItBesideTheDatabase_AsTheGatewayWould()
    {
        var directory = Path.Combine(Path.GetTempPath(), "sb-seal", Guid.NewGuid().ToString("N"));

        var result = await CliProcess.RunAsync(["seal", "sk-x-1234567890"], new Dictionary<string, string?> { ["SWITCHBOARD_DATA_DIR"] = directory });

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("generated one into", result.Error, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(directory, "switchboard.master.key")));
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task Seal_NoValue_ExitsWithUsageError()
    {
        var result = await CliProcess.RunAsync(["seal", "-"], input: string.Empty);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("seal:", result.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Output);
    }
}
