using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Switchboard.Testing;

namespace Switchboard.Server.Tests.Infrastructure;

/// <summary>A key pool of one revoked and one working key on an OpenAI-style fake, and reading keys back from the admin API.</summary>
public static class KeyPools
{
    public const string RevokedKey = "sk-revoked-0001";

    public const string WorkingKey = "sk-working-0002";

    /// <summary>Gets a handler that refuses <see cref="RevokedKey"/> with a 401 (quoting it, as OpenAI does) and answers any other key.</summary>
    public static Func<HttpContext, RecordedRequest, Task> RejectRevokedKey { get; } = (ctx, r) => IsRevoked(r)
        ? FakeUpstream.Json(ctx, 401, OpenAIFakeResponses.Error($"Incorrect API key provided: {RevokedKey}", "invalid_request_error", "invalid_api_key"))
        : FakeUpstream.Json(ctx, 200, OpenAIFakeResponses.Completion("from the working key"));

    /// <summary>Returns whether a request carried <see cref="RevokedKey"/>.</summary>
    public static bool IsRevoked(RecordedRequest request) => request.Header("Authorization") == $"Bearer {RevokedKey}";

    /// <summary>Returns a platforms file with platform <c>pool</c>: the revoked key first, the working key second, and <paramref name="models"/>.</summary>
    public static string Yaml(Uri upstream, string models) =>
        $$"""
        platforms:
          pool:
            kind: openai
            base_url: {{upstream}}v1
            keys:
              - { key: {{RevokedKey}}, priority: 0 }
              - { key: {{WorkingKey}}, priority: 1 }
            models: {{models}}
        """;

    /// <summary>Returns a key of a platform from <c>GET /api/admin/platform-keys</c>, picked by the end of its masked form when the pool has several.</summary>
    public static async Task<JsonElement> KeyAsync(HttpClient client, string platform, string? maskedSuffix = null)
    {
        var list = await client.GetFromJsonAsync<JsonElement>($"api/admin/platform-keys?platform={platform}");
        return list.GetProperty("data").EnumerateArray().Single(k => maskedSuffix is null || k.GetProperty("masked").GetString()!.EndsWith(maskedSuffix, StringComparison.Ordinal));
    }

    /// <summary>Returns the status of a key as <see cref="KeyAsync"/> finds it.</summary>
    public static async Task<string?> StatusAsync(HttpClient client, string platform, string? maskedSuffix = null) =>
        (await KeyAsync(client, platform, maskedSuffix)).GetProperty("status").GetString();
}
