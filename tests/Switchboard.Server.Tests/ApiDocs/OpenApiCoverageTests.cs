using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests.ApiDocs;

/// <summary>Checks that every route the gateway maps (each path and method) is in the OpenAPI document it serves, unless it is deliberately left out of the description.</summary>
/// <remarks>The console and the CLI call only documented routes, so a route missing from the document is a route no script can rely on.</remarks>
public sealed partial class OpenApiCoverageTests
{
    [Fact]
    public async Task EveryMappedRoute_IsInTheOpenApiDocument()
    {
        await using var host = await GatewayHost.StartAsync();
        using var client = host.CreateClient();
        var paths = JsonDocument.Parse(await client.GetStringAsync("openapi/v1.json")).RootElement.GetProperty("paths");

        var mapped = host.Services.GetServices<EndpointDataSource>()
            .SelectMany(source => source.Endpoints)
            .OfType<RouteEndpoint>()
            .Where(endpoint => endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true })
            .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(method => (Path: DocumentPath(endpoint.RoutePattern.RawText!), Method: method.ToLowerInvariant())))
            .Distinct()
            .ToList();

        Assert.True(mapped.Count > 50, $"only {mapped.Count} routes found: the endpoint listing is not what this test expects");
        var missing = mapped
            .Where(route => !paths.TryGetProperty(route.Path, out var item) || !item.TryGetProperty(route.Method, out _))
            .Select(route => $"{route.Method.ToUpperInvariant()} {route.Path}")
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.True(missing.Count == 0, "OpenAPI document lacks: " + string.Join(", ", missing));
    }

    // "/api/admin/keys/{id:long}", "/v1/models/{**id}" and a group's "/api/admin/keys/" appear in the document as
    // "/api/admin/keys/{id}", "/v1/models/{id}" and "/api/admin/keys".
    private static string DocumentPath(string pattern)
    {
        var path = Parameter().Replace(pattern, match => "{" + match.Groups["name"].Value + "}");
        path = path.StartsWith('/') ? path : "/" + path;
        return path.Length > 1 ? path.TrimEnd('/') : path;
    }

    [GeneratedRegex(@"\{\**(?<name>[A-Za-z_][A-Za-z0-9_]*)(:[^}]*)?\??\}")]
    private static partial Regex Parameter();
}
