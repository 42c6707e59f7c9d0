using System.Net;
using System.Net.Http.Headers;

namespace Switchboard.Console.Tests.Ui;

/// <summary>The gateway serves the console's files at /ui with its security headers and compressed copies, and not at all when turned off.</summary>
public sealed class ConsoleHostingTests
{
    [Fact]
    public async Task Root_BrowserAsksForSlash_IsRedirectedToUi()
    {
        await using var host = await GatewayHost.StartAsync();
        using var client = NoRedirects(host);

        using var root = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Found, root.StatusCode);
        Assert.Equal("/ui/", root.Headers.Location?.OriginalString);

        using var ui = await client.GetAsync("/ui");
        Assert.Equal(HttpStatusCode.Found, ui.StatusCode);
        Assert.Equal("/ui/", ui.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Index_CarriesStrictCspAndNoInlineScript()
    {
        await using var host = await GatewayHost.StartAsync();
        using var client = NoRedirects(host);

        using var response = await client.GetAsync("/ui/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self' 'wasm-unsafe-eval';", csp, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval'", csp.Replace("'wasm-unsafe-eval'", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));

        // Every script the page loads is a file of its own: the policy allows no inline script.
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<base href=\"/ui/\"", html, StringComparison.Ordinal);
        foreach (var tag in html.Split("<script", StringSplitOptions.None).Skip(1))
        {
            Assert.StartsWith(" src=", tag, StringComparison.Ordinal);
            Assert.StartsWith("></script>", tag[(tag.IndexOf('>', StringComparison.Ordinal))..], StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task FrameworkFiles_BrotliAccepted_AreServedPrecompressed()
    {
        await using var host = await GatewayHost.StartAsync();
        using var client = NoRedirects(host);

        using var plain = await client.GetAsync("/ui/_framework/dotnet.js");
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.Empty(plain.Content.Headers.ContentEncoding);
        var plainBytes = await plain.Content.ReadAsByteArrayAsync();

        using var request = new HttpRequestMessage(HttpMethod.Get, "/ui/_framework/dotnet.js");
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));
        using var brotli = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, brotli.StatusCode);
        Assert.Equal("br", Assert.Single(brotli.Content.Headers.ContentEncoding));
        Assert.Equal("text/javascript", brotli.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Accept-Encoding", brotli.Headers.Vary);
        var compressed = await brotli.Content.ReadAsByteArrayAsync();
        Assert.True(compressed.Length < plainBytes.Length / 2, $"brotli {compressed.Length} bytes, plain {plainBytes.Length}");
        using var decoder = new System.IO.Compression.BrotliStream(new MemoryStream(compressed), System.IO.Compression.CompressionMode.Decompress);
        using var decoded = new MemoryStream();
        await decoder.CopyToAsync(decoded);
        Assert.Equal(plainBytes, decoded.ToArray());

        // The compressed copies are never served under their own names (they would arrive without their encoding).
        using var byName = await client.GetAsync("/ui/_framework/dotnet.js.br");
        Assert.Equal(HttpStatusCode.NotFound, byName.StatusCode);
    }

    [Fact]
    public async Task AppRoutes_WithoutExtension_ServeIndex_MissingFilesAre404InErrorShape()
    {
        await using var host = await GatewayHost.StartAsync();
        using var client = NoRedirects(host);

        using var route = await client.GetAsync("/ui/keys");
        Assert.Equal(HttpStatusCode.OK, route.StatusCode);
        Assert.Contains("_framework/blazor.webassembly.js", await route.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotNull(route.Headers.GetValues("Content-Security-Policy"));

        using var missing = await client.GetAsync("/ui/_framework/nothing-here.js");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("\"error\"", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotNull(missing.Headers.GetValues("Content-Security-Policy"));
    }

    [Fact]
    public async Task Disabled_ServesNoConsoleAndNoRedirect_ApiUnchanged()
    {
        await using var host = await GatewayHost.StartAsync(settings: new Dictionary<string, string?> { ["Switchboard:Ui:Enabled"] = "false" });
        using var client = NoRedirects(host);

        using var root = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.NotFound, root.StatusCode);
        using var ui = await client.GetAsync("/ui/");
        Assert.Equal(HttpStatusCode.NotFound, ui.StatusCode);
        Assert.False(ui.Headers.Contains("Content-Security-Policy"));
        using var models = await client.GetAsync("/v1/models");
        Assert.Equal(HttpStatusCode.OK, models.StatusCode);
    }

    private static HttpClient NoRedirects(GatewayHost host)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, AutomaticDecompression = DecompressionMethods.None }) { BaseAddress = host.BaseUrl };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", GatewayHost.AdminKey);
        return client;
    }
}
