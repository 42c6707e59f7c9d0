using System.Net.Http.Json;
using System.Text;
using Switchboard.Server.Tests.Infrastructure;
using Switchboard.Testing;

namespace Switchboard.Server.Tests.Secrets;

/// <summary>Checks that upstream keys never appear in the database file, the logs, responses or error bodies.</summary>
public sealed class SecretLeakTests
{
    private const string PlainKey = "sk-plaintext-leakcheck-5e1f2a9b8c7d";
    private const string EnvKey = "sk-envkey-leakcheck-0a9b8c7d6e5f";

    [Fact]
    public async Task StoredKeys_AreNotReadableInDatabaseFileOrLogs()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        var calls = 0;
        upstream.Handler = (ctx, _) => Interlocked.Increment(ref calls) % 2 == 1
            ? FakeUpstream.Json(ctx, 401, OpenAIFakeResponses.Error($"Incorrect API key provided: {PlainKey}", "invalid_request_error", "invalid_api_key"))
            : FakeUpstream.Json(ctx, 200, OpenAIFakeResponses.Completion("ok"));
        var yaml = $$"""
            platforms:
              plain:
                kind: openai
                base_url: {{upstream.BaseUrl}}v1
                api_key: {{PlainKey}}
                models: { m1: gpt-a }
              env:
                kind: openai
                base_url: {{upstream.BaseUrl}}v1
                api_key: '{LEAK_ENV_KEY}'
                models: { m2: gpt-b }
            """;
        string dataDirectory;
        IReadOnlyCollection<string> logLines;
        var bodies = new StringBuilder();
        await using (var host = await GatewayHost.StartAsync(yaml, new Dictionary<string, string?> { ["LEAK_ENV_KEY"] = EnvKey }))
        {
            dataDirectory = host.DataDirectory;
            using var client = host.CreateClient();
            foreach (var model in new[] { "m1", "m2", "m1", "m2" })
            {
                var response = await client.PostAsJsonAsync("v1/chat/completions", new { model, messages = new[] { new { role = "user", content = "hi" } } });
                bodies.Append(await response.Content.ReadAsStringAsync());
                bodies.Append(string.Join(";", response.Headers.Select(h => h.Key + "=" + string.Join(",", h.Value))));
            }

            bodies.Append(await client.GetStringAsync("v1/models"));
            await host.FlushUsageAsync();
            logLines = host.Logs.Lines;

            Assert.Contains(upstream.Requests, r => r.Header("Authorization") == "Bearer " + PlainKey);
            Assert.Contains(upstream.Requests, r => r.Header("Authorization") == "Bearer " + EnvKey);
            var databaseBytes = ReadAllFiles(dataDirectory);
            foreach (var secret in new[] { PlainKey, EnvKey })
            {
                Assert.False(Contains(databaseBytes, Encoding.UTF8.GetBytes(secret)), "the database files contain a key in plain text");
                Assert.DoesNotContain(logLines, line => line.Contains(secret, StringComparison.Ordinal));
                Assert.DoesNotContain(secret, bodies.ToString());
            }

            Assert.Contains(logLines, line => line.Contains("plain", StringComparison.OrdinalIgnoreCase) && line.Contains("seal", StringComparison.OrdinalIgnoreCase));
        }
    }

    private static byte[] ReadAllFiles(string directory)
    {
        using var all = new MemoryStream();
        foreach (var file in Directory.GetFiles(directory, "switchboard.db*"))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            stream.CopyTo(all);
        }

        return all.ToArray();
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
