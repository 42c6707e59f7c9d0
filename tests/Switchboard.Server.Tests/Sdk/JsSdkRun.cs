using System.Diagnostics;
using System.Text.Json;
using Switchboard.Server.Tests.Infrastructure;
using Switchboard.Testing;

namespace Switchboard.Server.Tests.Sdk;

/// <summary>Runs every case of <c>tests/sdk-clients/clients.mjs</c> (the official JavaScript SDKs) once against a gateway in front of one upstream kind, and keeps the results.</summary>
/// <remarks>
/// One node process per upstream runs all cases in sequence, so the SDKs load once. The upstream is the built-in demo
/// model or a fake that speaks the OpenAI, Anthropic or Gemini wire format exactly (<see cref="ProtocolFakes"/>).
/// </remarks>
public sealed class JsSdkRun
{
    private static readonly Dictionary<string, Task<JsSdkRun>> Runs = [];
    private static readonly Lock RunsLock = new();

    private JsSdkRun(string upstream, JsonDocument results, IReadOnlyList<Abstractions.Usage.UsageRecord> usage, string stderr)
    {
        Upstream = upstream;
        Results = results;
        Usage = usage;
        Stderr = stderr;
    }

    /// <summary>Gets the upstream kind: demo, openai, anthropic or gemini.</summary>
    public string Upstream { get; }

    /// <summary>Gets each case's result, by <c>client.case</c>.</summary>
    public JsonDocument Results { get; }

    /// <summary>Gets the usage records the gateway wrote during the run.</summary>
    public IReadOnlyList<Abstractions.Usage.UsageRecord> Usage { get; }

    /// <summary>Gets what node printed besides the result (SDK warnings and logged errors), for failure messages.</summary>
    public string Stderr { get; }

    /// <summary>Gets the run for <paramref name="upstream"/>, starting it on first use.</summary>
    public static Task<JsSdkRun> ForAsync(string upstream)
    {
        lock (RunsLock)
        {
            if (!Runs.TryGetValue(upstream, out var run))
            {
                run = RunAsync(upstream);
                Runs[upstream] = run;
            }

            return run;
        }
    }

    /// <summary>Returns one case's result, failing with the SDK's error when the case threw.</summary>
    public JsonElement Case(string name)
    {
        Assert.True(Results.RootElement.TryGetProperty(name, out var result), $"case {name} did not run");
        if (result.TryGetProperty("error", out var error))
        {
            Assert.Fail($"{name} against the {Upstream} upstream failed in the SDK: {error} (status {result.GetProperty("status")})\n{Stderr}");
        }

        return result;
    }

    private static async Task<JsSdkRun> RunAsync(string upstream)
    {
        var clients = Path.Combine(RepositoryRoot(), "tests", "sdk-clients");
        Assert.True(Directory.Exists(Path.Combine(clients, "node_modules")),
            $"The JavaScript SDKs are not installed: run `npm ci --prefix {clients}` (scripts/test.sh does).");
        await using var fake = upstream == "demo" ? null : await FakeUpstream.StartAsync();
        if (fake is not null)
        {
            fake.Handler = ProtocolFakes.Handler(upstream);
        }

        await using var gateway = await GatewayHost.StartAsync(fake is null ? null : ProtocolFakes.Yaml(upstream, fake.BaseUrl, "sk-upstream-js-sdk-0001"));
        var start = new ProcessStartInfo("node", "clients.mjs")
        {
            WorkingDirectory = clients,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["SB_BASE_URL"] = gateway.BaseUrl.ToString(),
                ["SB_KEY"] = GatewayHost.AdminKey,
                ["SB_MODEL"] = upstream == "demo" ? "demo" : "chat",
                ["SB_EMBEDDING_MODEL"] = "demo-embedding",
            },
        };
        using var node = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var stdout = node.StandardOutput.ReadToEndAsync();
        var stderr = node.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await node.WaitForExitAsync(timeout.Token);
        var output = await stdout;
        Assert.True(node.ExitCode == 0, $"node exited with {node.ExitCode}:\n{output}\n{await stderr}");
        var usage = await gateway.FlushUsageAsync();
        var result = output.Split('\n').LastOrDefault(line => line.StartsWith("SB_RESULT ", StringComparison.Ordinal));
        Assert.True(result is not null, $"node printed no result line:\n{output}\n{await stderr}");
        return new JsSdkRun(upstream, JsonDocument.Parse(result["SB_RESULT ".Length..]), usage, output + "\n" + await stderr);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Switchboard.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (Switchboard.slnx) was not found above " + AppContext.BaseDirectory);
    }
}
