using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests.Tenancy;

/// <summary>One HTTP answer: status, parsed JSON (an empty object when there is none) and the raw text, for leak checks.</summary>
internal sealed record ApiResponse(HttpStatusCode Status, JsonElement Json, string Raw)
{
    public string ErrorCode => Json.GetProperty("error").GetProperty("code").GetString()!;

    public string? ErrorParam => Json.GetProperty("error").GetProperty("param").GetString();

    /// <summary>Asserts the OpenAI error shape with the given status (and code and param, when given).</summary>
    public ApiResponse AssertError(HttpStatusCode status, string? code = null, string? param = null)
    {
        Assert.True(status == Status, $"Expected {(int)status} but got {(int)Status}: {Raw}");
        var error = Json.GetProperty("error");
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
        Assert.False(string.IsNullOrEmpty(error.GetProperty("type").GetString()));
        Assert.True(error.TryGetProperty("param", out _));
        if (code is not null)
        {
            Assert.Equal(code, error.GetProperty("code").GetString());
        }

        if (param is not null)
        {
            Assert.Equal(param, error.GetProperty("param").GetString());
        }

        return this;
    }

    public ApiResponse AssertStatus(HttpStatusCode status)
    {
        Assert.True(status == Status, $"Expected {(int)status} but got {(int)Status}: {Raw}");
        return this;
    }
}

/// <summary>Shared helpers for the tenancy route tests: JSON calls, users' keys, the mode, chat calls.</summary>
internal static class AdminTenancyKit
{
    /// <summary>Two offline platforms besides the built-in demo one, plus a keyed (never called) OpenAI-style platform.</summary>
    public const string Yaml =
        "platforms:\n" +
        "  alt:\n    kind: demo\n    base_url: https://alt.switchboard.invalid\n    models:\n      demo-alt: demo\n" +
        "  keyed:\n    base_url: https://api.example.com/v1\n    models:\n      keyed-model: gpt-x\n";

    /// <summary>Pins the default model so the tier defaults do not depend on listing order.</summary>
    public static Dictionary<string, string?> Settings => new() { ["Switchboard:Tenancy:MasterModel"] = "demo" };

    public static Task<GatewayHost> StartAsync() => GatewayHost.StartAsync(Yaml, settings: Settings);

    public static Task<ApiResponse> GetJsonAsync(this HttpClient client, string path) => client.SendJsonAsync(HttpMethod.Get, path);

    public static async Task<ApiResponse> SendJsonAsync(this HttpClient client, HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return await SendAsync(client, request);
    }

    public static async Task<ApiResponse> SendRawAsync(this HttpClient client, HttpMethod method, string path, string body, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(body, Encoding.UTF8, contentType) };
        return await SendAsync(client, request);
    }

    public static async Task SetModeAsync(this HttpClient admin, string mode, bool? autoKey = null)
    {
        var response = await admin.SendJsonAsync(HttpMethod.Put, "api/admin/tenancy", autoKey is null ? new { mode } : new { mode, auto_key = autoKey });
        response.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(mode, response.Json.GetProperty("mode").GetString());
    }

    /// <summary>Creates a virtual key for a user and returns a client that uses it.</summary>
    public static async Task<HttpClient> UserClientAsync(this GatewayHost host, HttpClient admin, string userId, string role = "user")
    {
        var created = await admin.SendJsonAsync(HttpMethod.Post, "api/admin/keys", new { user_id = userId, role });
        created.AssertStatus(HttpStatusCode.Created);
        return host.CreateClient(created.Json.GetProperty("key").GetString());
    }

    public static async Task<ApiResponse> ChatAsync(this HttpClient client, string model) =>
        await client.SendJsonAsync(HttpMethod.Post, "v1/chat/completions", new { model, messages = new[] { new { role = "user", content = "hi" } } });

    /// <summary>Returns the catalog model of the newest usage record of a user.</summary>
    public static async Task<Switchboard.Abstractions.Usage.UsageRecord> LastUsageAsync(this GatewayHost host, string userId)
    {
        var records = await host.FlushUsageAsync();
        return records.Where(r => r.UserId == userId).OrderBy(r => r.Timestamp).Last();
    }

    public static JsonElement Find(this JsonElement array, string property, string value) =>
        array.EnumerateArray().Single(e => e.GetProperty(property).GetString() == value);

    private static async Task<ApiResponse> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        using var response = await client.SendAsync(request);
        var raw = await response.Content.ReadAsStringAsync();
        var json = raw.Length == 0 ? JsonDocument.Parse("{}").RootElement : JsonDocument.Parse(raw).RootElement;
        Assert.True((int)response.StatusCode < 500, $"{request.Method} {request.RequestUri} answered {(int)response.StatusCode}: {raw}");
        return new ApiResponse(response.StatusCode, json, raw);
    }
}

/// <summary>A gateway over <see cref="AdminTenancyKit.Yaml"/> for each test, with an admin client; <see cref="Mode"/>, when set, is applied first.</summary>
public abstract class AdminTenancyTestBase : IAsyncLifetime
{
    protected GatewayHost Host { get; private set; } = null!;

    protected HttpClient Admin { get; private set; } = null!;

    /// <summary>Gets the tenancy mode the tests start in, or null for the default.</summary>
    protected virtual string? Mode => null;

    public async Task InitializeAsync()
    {
        Host = await AdminTenancyKit.StartAsync();
        Admin = Host.CreateClient();
        if (Mode is { } mode)
        {
            await Admin.SetModeAsync(mode);
        }
    }

    public async Task DisposeAsync()
    {
        Admin.Dispose();
        await Host.DisposeAsync();
    }
}
