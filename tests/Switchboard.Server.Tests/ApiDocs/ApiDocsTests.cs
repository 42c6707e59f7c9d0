using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests.ApiDocs;

/// <summary>
/// Checks the API reference at <c>/docs</c> over real HTTP without a key: the page, every script it loads and its icon are
/// served by the gateway with the right content types, the OpenAPI document it points to is served and declares the bearer
/// key, nothing the page or its start-up script name lives on another host, and the page carries a strict policy.
/// </summary>
public sealed partial class ApiDocsTests : IAsyncLifetime
{
    private GatewayHost _host = null!;
    private HttpClient _anonymous = null!;

    public async Task InitializeAsync()
    {
        _host = await GatewayHost.StartAsync();
        _anonymous = _host.CreateClient(key: null);
    }

    public async Task DisposeAsync()
    {
        _anonymous.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task Docs_ServesThePage_ItsAssets_AndTheOpenApiDocument_AllFromTheGateway()
    {
        var redirect = await new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _host.BaseUrl }.GetAsync("docs");
        Assert.Equal(HttpStatusCode.Found, redirect.StatusCode);
        Assert.Equal("docs/", redirect.Headers.Location?.OriginalString);

        var page = await _anonymous.GetAsync("docs/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<title>Switchboard API</title>", html, StringComparison.Ordinal);
        Assert.Empty(UrlPattern().Matches(html));

        var scripts = ScriptSource().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["scalar.js", "scalar.aspnetcore.js"], scripts);
        foreach (var script in scripts)
        {
            var response = await _anonymous.GetAsync("docs/" + script);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
            Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 1000, script);
        }

        // The start-up script builds the document's address from the page's own origin; the reference itself is served compressed.
        var startup = await _anonymous.GetStringAsync("docs/scalar.aspnetcore.js");
        Assert.Empty(UrlPattern().Matches(startup));
        using var compressed = new HttpRequestMessage(HttpMethod.Get, "docs/scalar.js") { Headers = { { "Accept-Encoding", "gzip" } } };
        var bundle = await _anonymous.SendAsync(compressed);
        Assert.Equal("gzip", Assert.Single(bundle.Content.Headers.ContentEncoding));

        var icon = await _anonymous.GetAsync("docs/favicon.svg");
        Assert.Equal((HttpStatusCode.OK, "image/svg+xml"), (icon.StatusCode, icon.Content.Headers.ContentType?.MediaType));

        // The page names its document relative to the gateway's root and switches off every service Scalar would fetch.
        var configuration = JsonDocument.Parse(Configuration().Match(html).Groups[1].Value).RootElement;
        var source = Assert.Single(configuration.GetProperty("sources").EnumerateArray()).GetProperty("url").GetString();
        Assert.Equal("openapi/v1.json", source);
        Assert.False(configuration.GetProperty("withDefaultFonts").GetBoolean());
        Assert.False(configuration.GetProperty("telemetry").GetBoolean());
        Assert.True(configuration.GetProperty("agent").GetProperty("disabled").GetBoolean());
        Assert.True(configuration.GetProperty("mcp").GetProperty("disabled").GetBoolean());
        Assert.False(configuration.TryGetProperty("proxyUrl", out _));

        var document = await _anonymous.GetAsync(source);
        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        Assert.Equal("application/json", document.Content.Headers.ContentType?.MediaType);
        var openApi = JsonDocument.Parse(await document.Content.ReadAsStringAsync()).RootElement;
        Assert.StartsWith("3.", openApi.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.Contains("/docs", openApi.GetProperty("info").GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal("bearer", openApi.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer").GetProperty("scheme").GetString());
        var presets = openApi.GetProperty("paths").GetProperty("/api/admin/presets").GetProperty("get");
        Assert.Equal("ListPresets", presets.GetProperty("operationId").GetString());
        Assert.True(presets.GetProperty("security")[0].TryGetProperty("Bearer", out _));
    }

    [Fact]
    public async Task Docs_PageHasAStrictPolicy_ScriptsOnlyFromTheGatewayWithAFreshNonce_ConnectionsOnlyToTheGateway()
    {
        var first = await _anonymous.GetAsync("docs/");
        var second = await _anonymous.GetAsync("docs/");
        var policy = Assert.Single(first.Headers.GetValues("Content-Security-Policy"));
        Assert.Equal("nosniff", Assert.Single(first.Headers.GetValues("X-Content-Type-Options")));

        var directives = policy.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(d => d.Split(' ', 2))
            .ToDictionary(d => d[0], d => d[1]);
        Assert.Equal("'self'", directives["default-src"]);
        Assert.Equal("'self'", directives["connect-src"]);
        Assert.Equal("'none'", directives["object-src"]);
        Assert.Equal("'none'", directives["frame-ancestors"]);
        Assert.Equal("'none'", directives["base-uri"]);
        var nonce = Assert.Single(Nonce().Matches(directives["script-src"])).Groups[1].Value;
        Assert.Matches(@"^'self' 'nonce-[A-Za-z0-9_\-+/=]{16,}'$", directives["script-src"]);
        Assert.DoesNotContain("unsafe", directives["script-src"], StringComparison.Ordinal);
        Assert.All(directives.Values, sources => Assert.Empty(UrlPattern().Matches(sources)));

        // Every script element carries this response's nonce, and the next response has another one.
        var html = await first.Content.ReadAsStringAsync();
        Assert.Equal(3, Regex.Count(html, $"<script[^>]*nonce=\"{Regex.Escape(nonce)}\""));
        Assert.Equal(3, Regex.Count(html, "<script"));
        Assert.DoesNotContain(nonce, Assert.Single(second.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"https?://", RegexOptions.IgnoreCase)]
    private static partial Regex UrlPattern();

    [GeneratedRegex("<script[^>]*\\ssrc=\"([^\"]+)\"")]
    private static partial Regex ScriptSource();

    [GeneratedRegex(@"initialize\(\s*'[^']*',\s*\w+,\s*(\{.*\}),\s*''\)", RegexOptions.Singleline)]
    private static partial Regex Configuration();

    [GeneratedRegex("'nonce-([^']+)'")]
    private static partial Regex Nonce();
}
