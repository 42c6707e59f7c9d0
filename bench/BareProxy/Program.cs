using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Net.Http.Headers;

// A bare reverse proxy for the load test's floor row: it relays POST /v1/chat/completions to the upstream and copies the
// answer back, byte for byte, streamed or not. No key check, no parsing, no routing, no usage record, no metrics. What
// it costs per request is what Kestrel, HttpClient and the loopback TCP path cost on this machine; the gateway's own
// overhead is the difference (bench/README.md, "The floor").
// Usage: BareProxy [--port 5196] [--upstream http://127.0.0.1:5199]
var port = 5196;
var upstream = "http://127.0.0.1:5199";
for (var i = 0; i < args.Length - 1; i++)
{
    switch (args[i])
    {
        case "--port":
            port = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--upstream":
            upstream = args[++i];
            break;
    }
}

var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(options =>
{
    options.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http1);
    options.AddServerHeader = false;
});

// The same handler settings as the gateway's upstream client: no proxy, cookies, redirects or decompression.
using var client = new HttpMessageInvoker(new SocketsHttpHandler
{
    UseProxy = false,
    UseCookies = false,
    AllowAutoRedirect = false,
    AutomaticDecompression = DecompressionMethods.None,
    PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
});
var target = new Uri(upstream.TrimEnd('/') + "/v1/chat/completions");

var app = builder.Build();
app.MapPost("/v1/chat/completions", async (HttpContext context) =>
{
    // Buffered like the gateway's request body, so the upstream gets a Content-Length, not chunks.
    using var body = new MemoryStream();
    await context.Request.Body.CopyToAsync(body, context.RequestAborted);
    using var request = new HttpRequestMessage(HttpMethod.Post, target)
    {
        Content = new ByteArrayContent(body.GetBuffer(), 0, (int)body.Length),
    };
    request.Content.Headers.TryAddWithoutValidation(HeaderNames.ContentType, "application/json");
    using var response = await client.SendAsync(request, context.RequestAborted);
    context.Response.StatusCode = (int)response.StatusCode;
    context.Response.ContentType = response.Content.Headers.ContentType?.ToString();
    context.Response.ContentLength = response.Content.Headers.ContentLength;
    await using var answer = await response.Content.ReadAsStreamAsync(context.RequestAborted);
    await answer.CopyToAsync(context.Response.Body, context.RequestAborted);
});

await app.StartAsync();
Console.WriteLine($"BareProxy ready on http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}, relaying to {target}");
await app.WaitForShutdownAsync();
