using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Switchboard.Server.Tests.Infrastructure;
using Switchboard.Testing;

namespace Switchboard.Server.Tests.Gemini;

/// <summary>Checks that every error a Gemini client can meet comes in Google's shape (<c>{"error":{code,message,status}}</c>) with the right status, never a 500, and is recorded once.</summary>
public sealed class GeminiErrorTests
{
    private const string Hello = """{"contents":[{"role":"user","parts":[{"text":"Hi"}]}]}""";

    public static TheoryData<string, string, string?> BadBodies => new()
    {
        { "{\"contents\":", "INVALID_ARGUMENT", null },
        { "[1,2]", "INVALID_ARGUMENT", null },
        { "{}", "INVALID_ARGUMENT", "contents" },
        { "{\"contents\":\"hi\"}", "INVALID_ARGUMENT", "contents" },
        { "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"\\ud800\"}]}]}", "INVALID_ARGUMENT", "contents[0].parts[0].text" },
        { "{\"contents\":[{\"role\":\"robot\",\"parts\":[{\"text\":\"hi\"}]}]}", "INVALID_ARGUMENT", "contents[0].role" },
        { "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"inlineData\":{\"mimeType\":\"image/png\"}}]}]}", "INVALID_ARGUMENT", "contents[0].parts[0].inlineData.data" },
        { "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"functionResponse\":{\"name\":\"ghost\",\"response\":{}}}]}]}", "INVALID_ARGUMENT", "contents[0].parts[0].functionResponse.name" },
        { "{\"contents\":[{\"parts\":[{\"text\":\"hi\"}]}],\"generationConfig\":{\"temperature\":\"hot\"}}", "INVALID_ARGUMENT", "generationConfig.temperature" },
        { "{\"contents\":[{\"parts\":[{\"text\":\"hi\"}]}],\"generationConfig\":{\"maxOutputTokens\":-5}}", "INVALID_ARGUMENT", null },
        { "{\"contents\":[{\"parts\":[{\"text\":\"hi\"}]}],\"toolConfig\":{\"functionCallingConfig\":{\"mode\":\"SOMETIMES\"}}}", "INVALID_ARGUMENT", "toolConfig.functionCallingConfig.mode" },
        { "{\"contents\":" + new string('[', 200) + new string(']', 200) + "}", "INVALID_ARGUMENT", null },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task BadBody_Is400InGoogleShape_NamingTheField_AndRecordedOnce(string body, string status, string? param)
    {
        await using var gemini = await GeminiClient.StartAsync("demo");

        var (code, text, _) = await gemini.PostAsync("chat:generateContent", body);

        AssertGoogleError(text, code, 400, status);
        if (param is not null)
        {
            Assert.Equal(param, Metadata(text));
        }

        var record = Assert.Single(await gemini.Host.FlushUsageAsync());
        Assert.Equal(400, record.HttpStatus);
    }

    [Fact]
    public async Task HugeBody_Is413InGoogleShape()
    {
        await using var gemini = await GeminiClient.StartAsync("demo");
        var huge = "{\"contents\":[{\"parts\":[{\"text\":\"" + new string('a', 40 * 1024 * 1024) + "\"}]}]}";

        var (code, text, _) = await gemini.PostAsync("chat:generateContent", huge);

        AssertGoogleError(text, code, 413, "INVALID_ARGUMENT");
    }

    [Fact]
    public async Task Auth_KeyByHeaderOrQuery_Works_MissingOrWrongKeyIs401Unauthenticated()
    {
        await using var gemini = await GeminiClient.StartAsync("demo");

        var (missing, missingBody, _) = await gemini.PostAsync("chat:generateContent", Hello, key: null);
        var (wrong, wrongBody, _) = await gemini.PostAsync("chat:generateContent", Hello, key: "sb-not-a-real-key-000000000000");
        var (byHeader, _, _) = await gemini.PostAsync("chat:generateContent", Hello);
        var (byQuery, _, _) = await gemini.PostAsync($"chat:generateContent?key={GatewayHost.AdminKey}", Hello, key: null);

        AssertGoogleError(missingBody, missing, 401, "UNAUTHENTICATED");
        AssertGoogleError(wrongBody, wrong, 401, "UNAUTHENTICATED");
        Assert.Equal(200, byHeader);
        Assert.Equal(200, byQuery);
        Assert.DoesNotContain("sb-not-a-real-key", wrongBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownModelOrMethod_Is404NotFound()
    {
        await using var gemini = await GeminiClient.StartAsync("demo");

        var (model, modelBody, _) = await gemini.PostAsync("no-such-model:generateContent", Hello);
        var (method, methodBody, _) = await gemini.PostAsync("chat:embedContent", Hello);
        var (count, countBody, _) = await gemini.PostAsync("no-such-model:countTokens", Hello);

        AssertGoogleError(modelBody, model, 404, "NOT_FOUND");
        AssertGoogleError(methodBody, method, 404, "NOT_FOUND");
        AssertGoogleError(countBody, count, 404, "NOT_FOUND");
        Assert.Contains("generateContent", JsonDocument.Parse(methodBody).RootElement.GetProperty("error").GetProperty("message").GetString());
        Assert.Single(await gemini.Host.FlushUsageAsync());
    }

    [Theory]
    [InlineData(429)]
    [InlineData(500)]
    public async Task UpstreamFailureBeforeFirstByte_IsAnErrorInGoogleShape_StreamedOrNot(int upstreamStatus)
    {
        await using var gemini = await GeminiClient.StartAsync("openai", (ctx, _) =>
            FakeUpstream.Json(ctx, upstreamStatus, """{"error":{"message":"upstream says no","type":"server_error","code":null}}"""));

        var (code, body, _) = await gemini.PostAsync("chat:generateContent", Hello);
        var (streamCode, streamBody, _) = await gemini.PostAsync("chat:streamGenerateContent?alt=sse", Hello);

        Assert.True(code >= 429, body);
        var expected = code switch { 429 => "RESOURCE_EXHAUSTED", 502 or 503 => "UNAVAILABLE", 504 => "DEADLINE_EXCEEDED", _ => "INTERNAL" };
        AssertGoogleError(body, code, code, expected);
        AssertGoogleError(streamBody, streamCode, code, expected);
        Assert.Equal(2, (await gemini.Host.FlushUsageAsync()).Count);
    }

    [Fact]
    public async Task UpstreamFailureAfterFirstByte_EndsTheStreamWithOneErrorEvent()
    {
        await using var gemini = await GeminiClient.StartAsync("openai", FailAfterFirstByteAsync);

        var (code, body, _) = await gemini.PostAsync("chat:streamGenerateContent?alt=sse", Hello);

        Assert.Equal(200, code);
        var events = GeminiClient.Events(body);
        Assert.Equal("partial", GeminiClient.TextOf(events[0]));
        var error = events[^1].GetProperty("error");
        Assert.True(error.GetProperty("code").GetInt32() >= 500);
        Assert.False(string.IsNullOrEmpty(error.GetProperty("status").GetString()));
        Assert.Single(events, e => e.TryGetProperty("error", out _));
        var record = Assert.Single(await gemini.Host.FlushUsageAsync());
        Assert.Equal("error", record.Status);
    }

    private static async Task FailAfterFirstByteAsync(HttpContext ctx, RecordedRequest request)
    {
        await FakeUpstream.Sse(ctx, OpenAIFakeResponses.Stream(["partial"]).Take(3).ToArray());
        await ctx.Response.WriteAsync("data: {\"id\":\"x\",\"choices\":[{\"delta\":{\"content\":\n\n");
        await ctx.Response.Body.FlushAsync();
    }

    private static void AssertGoogleError(string body, int code, int expectedCode, string status)
    {
        Assert.Equal(expectedCode, code);
        var error = JsonDocument.Parse(body).RootElement.GetProperty("error");
        Assert.Equal(expectedCode, error.GetProperty("code").GetInt32());
        Assert.Equal(status, error.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
    }

    private static string? Metadata(string body) =>
        JsonDocument.Parse(body).RootElement.GetProperty("error").GetProperty("details").EnumerateArray()
            .Select(d => d.TryGetProperty("metadata", out var m) && m.TryGetProperty("param", out var p) ? p.GetString() : null)
            .FirstOrDefault(p => p is not null);
}
