using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Switchboard.Server.ApiDocs;

/// <summary>Serves the interactive API reference at <c>/docs</c> over the OpenAPI document, and declares the bearer key in that document.</summary>
/// <remarks>
/// <para>The page is Scalar's API reference. Its script and stylesheet are embedded in the Scalar.AspNetCore package and
/// served by the gateway itself (<c>/docs/scalar.js</c>, precompressed), so it works on machines without internet: web
/// fonts from a CDN, telemetry, the AI agent and MCP are switched off, and no request proxy is set, so "try it" calls go
/// from the browser straight to this gateway.</para>
/// <para>Viewing needs no key (it is outside <c>/api</c> and <c>/v1</c>); calls made from the page carry the key the
/// user types into its Bearer field, kept in the page's memory only. The page is sent with a strict Content-Security-Policy:
/// scripts only from the gateway with a fresh nonce per response, connections only to the gateway.</para>
/// </remarks>
internal static class ApiDocsEndpoints
{
    /// <summary>The path of the API reference.</summary>
    public const string Path = "/docs";

    private const string BearerScheme = "Bearer";

    /// <summary>Adds the bearer key to the OpenAPI document: every <c>/v1</c> and <c>/api</c> operation requires it.</summary>
    public static void ConfigureOpenApi(OpenApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Switchboard";
            document.Info.Description =
                "OpenAI-compatible gateway and admin API. Send a virtual key or the admin key as 'Authorization: Bearer <key>'; " +
                "/api/admin routes need an admin key. Errors have the shape {\"error\":{\"message\",\"type\",\"param\",\"code\"}}. " +
                "An interactive reference over this document is served at /docs.";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal);
            document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "A virtual key (sb-…), the admin key, or a signed token when JWT sign-in is configured.",
            };
            var requirement = new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] };
            foreach (var (path, item) in document.Paths)
            {
                if (!path.StartsWith("/v1", StringComparison.Ordinal) && !path.StartsWith("/api", StringComparison.Ordinal))
                {
                    continue;
                }

                if (item.Operations is { } operations)
                {
                    foreach (var operation in operations.Values)
                    {
                        operation.Security = [requirement];
                    }
                }
            }

            return Task.CompletedTask;
        });
    }

    /// <summary>Maps the API reference page and its embedded assets under <see cref="Path"/>.</summary>
    public static IEndpointRouteBuilder MapApiDocs(this IEndpointRouteBuilder routes)
    {
        routes.MapScalarApiReference(Path, options => options
                .WithTitle("Switchboard API")
                .WithOpenApiRoutePattern("/openapi/{documentName}.json")
                .AddPreferredSecuritySchemes([BearerScheme])
                .DisableDefaultFonts()
                .DisableTelemetry()
                .DisableAgent()
                .DisableMcp()
                .WithNonce())
            .AddEndpointFilter(async (context, next) =>
            {
                var http = context.HttpContext;
                http.Response.OnStarting(() =>
                {
                    var nonce = http.Items[ScalarOptions.NonceHttpContextItemKey] as string;
                    http.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy(nonce);
                    http.Response.Headers.XContentTypeOptions = "nosniff";
                    return Task.CompletedTask;
                });
                return await next(context);
            });
        return routes;
    }

    /// <summary>Builds the page's policy: everything from the gateway only; inline styles are allowed because the reference sets them at run time.</summary>
    internal static string ContentSecurityPolicy(string? nonce) =>
        "default-src 'self'; " +
        $"script-src 'self'{(nonce is null ? "" : $" 'nonce-{nonce}'")}; " +
        "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; " +
        "object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
}
