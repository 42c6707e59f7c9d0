using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.Options;
using Switchboard.Core.Audit;
using Switchboard.Core.Auth.Jwt;
using Switchboard.Core.Caching;
using Switchboard.Core.Errors;
using Switchboard.Core.Limits;
using Switchboard.Core.Pipeline;
using Switchboard.Core.Routing.Health;
using Switchboard.Core.Routing.Log;
using Switchboard.Core.Tenancy;
using Switchboard.Core.Tokenization;
using Switchboard.Providers.Probing;
using Switchboard.Hosting;
using Switchboard.Server.Admin;
using Switchboard.Server.Alerts;
using Switchboard.Server.Anthropic;
using Switchboard.Server.ApiDocs;
using Switchboard.Server.Audit;
using Switchboard.Server.Auth;
using Switchboard.Server.Catalog;
using Switchboard.Server.Classic;
using Switchboard.Server.ConfigDrift;
using Switchboard.Server.Gemini;
using Switchboard.Server.Health;
using Switchboard.Server.Http;
using Switchboard.Server.Idempotency;
using Switchboard.Server.Identity;
using Switchboard.Server.KeyQuotas;
using Switchboard.Server.Metrics;
using Switchboard.Server.OpenAI;
using Switchboard.Server.Overview;
using Switchboard.Server.PlatformKeys;
using Switchboard.Server.Presets;
using Switchboard.Server.Responses;
using Switchboard.Server.Pricing;
using Switchboard.Server.Probing;
using Switchboard.Server.RoutingLog;
using Switchboard.Server.Secrets;
using Switchboard.Server.Status;
using Switchboard.Server.Tenancy;
using Switchboard.Server.Ui;
using Switchboard.Server.Unserved;
using Switchboard.Server.UsageRecords;
using Switchboard.Telemetry;


namespace Switchboard.Server;

/// <summary>Builds the gateway web application: engine services, Kestrel, auth, endpoints and error handling.</summary>
public static class SwitchboardServer
{
    /// <summary>Creates the builder with the configuration and every service of the gateway, before any endpoint is mapped.</summary>
    /// <remarks>The CLI's local commands build on it: the same settings and engine services, without what only serving needs.</remarks>
    /// <returns>The builder, and a function that returns the admin key generated on this start, if one was.</returns>
    internal static (WebApplicationBuilder Builder, Func<string?> GeneratedAdminKey) CreateBuilder(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args);

        // ASP.NET Core starts an Activity for every request while its hosting log is on at any level, and HttpClient
        // then starts a child one and writes its traceparent upstream: about 2 KB of garbage per request for a trace
        // nobody collects. Off by default, as the lowest-precedence source, so a variable or appsettings file (or
        // tracing through OpenTelemetry, which listens to the activities) turns it back on.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = [new("Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics", "None")],
        });
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.ResponseHeaderEncodingSelector = SourceHeader.EncodingFor;
        });
        builder.Services.AddRoutingCore();
        builder.Services.AddProblemDetails();
        builder.Services.AddServerJson();
        builder.Services.AddOpenApi(ApiDocsEndpoints.ConfigureOpenApi);
        var configuration = builder.Configuration;
        string? generatedAdminKey = null;
        builder.Services.AddSwitchboard(options =>
        {
            options.ConnectionString = configuration.GetConnectionString("Switchboard");
            options.ConfigPath = configuration["SWITCHBOARD_CONFIG"] ?? configuration["Switchboard:ConfigPath"];
            options.AdminKey = configuration["SWITCHBOARD_ADMIN_KEY"] ?? configuration["Switchboard:AdminKey"];
            options.DataDirectory = configuration["SWITCHBOARD_DATA_DIR"] ?? configuration["Switchboard:DataDirectory"] ?? "data";
            options.OnAdminKeyGenerated = key =>
            {
                generatedAdminKey = key;
                Console.WriteLine(
                    $"""

                    ================================================================
                     Switchboard generated an admin API key. It is shown on this first start only:

                       {key}

                     Set SWITCHBOARD_ADMIN_KEY to choose your own key instead.
                    ================================================================

                    """);
            };
        });
        builder.Services.Configure<GatewayOptions>(configuration.GetSection(GatewayOptions.SectionName));
        builder.Services.Configure<TokenEstimatorOptions>(configuration.GetSection(TokenEstimatorOptions.SectionName));
        builder.Services.Configure<TenancyOptions>(configuration.GetSection(TenancyOptions.SectionName));
        builder.Services.Configure<LimitOptions>(configuration.GetSection(LimitOptions.SectionName));
        builder.Services.Configure<RoutingLogOptions>(configuration.GetSection(RoutingLogOptions.SectionName));
        builder.Services.Configure<ResponseCacheOptions>(configuration.GetSection(ResponseCacheOptions.SectionName));
        builder.Services.PostConfigure<ResponseCacheOptions>(cache => cache.RedisConnectionString ??= configuration.GetConnectionString("Redis"));
        builder.Services.Configure<AuditOptions>(configuration.GetSection(AuditOptions.SectionName));
        builder.Services.Configure<JwtSignInOptions>(configuration.GetSection(JwtSignInOptions.SectionName));
        builder.Services.Configure<GatewayAuthOptions>(configuration.GetSection(GatewayAuthOptions.SectionName));
        builder.Services.Configure<ModelProbeOptions>(configuration.GetSection(ModelProbeOptions.SectionName));
        builder.Services.Configure<ActiveHealthCheckOptions>(configuration.GetSection(ActiveHealthCheckOptions.SectionName));
        builder.Services.AddResponses(configuration);
        builder.Services.AddModelProbe();
        builder.Services.AddIdempotency(configuration);
        builder.Services.AddConsoleUi(configuration);
        builder.Services.AddCors(cors => cors.AddDefaultPolicy(policy =>
        {
            var corsOrigins = CorsOrigins(configuration);
            // Browser clients call with a bearer token, never cookies, so credentials stay off and '*' is safe to offer.
            if (corsOrigins.Contains("*"))
            {
                policy.AllowAnyOrigin();
            }
            else
            {
                policy.WithOrigins(corsOrigins);
            }

            policy.AllowAnyHeader().AllowAnyMethod().WithExposedHeaders("X-Request-Id", SourceHeader.Name, "X-Switchboard-Attempts", "X-Switchboard-Fallbacks", CacheRequest.HeaderName, "Retry-After");
        }));
        builder.Services.AddMetricsEndpoint();
        configure?.Invoke(builder);

        // After the caller's configuration, which may add the OTEL_* settings.
        builder.Services.AddOtlpExport(builder.Configuration);
        return (builder, () => generatedAdminKey);
    }

    /// <summary>Creates the application from command-line arguments; <paramref name="configure"/> lets tests adjust the builder.</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var (builder, generatedAdminKey) = CreateBuilder(args, configure);
        var app = builder.Build();
        var corsOrigins = CorsOrigins(app.Configuration);
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = WriteInternalErrorAsync });
        app.UseStatusCodePages(WriteStatusCodeErrorAsync);
        app.UseConsoleUi();
        if (corsOrigins.Length > 0)
        {
            app.UseCors();
        }

        app.UseMiddleware<GatewayAuthMiddleware>();
        app.UseIdempotency();
        app.MapOpenAIEndpoints();
        app.MapResponsesEndpoints();
        app.MapAnthropicEndpoints();
        app.MapGeminiEndpoints();
        app.MapVirtualKeyEndpoints();
        app.MapConfigurationEndpoints();
        app.MapHealthEndpoints();
        app.MapMetricsEndpoints();
        app.MapStatusEndpoints();
        app.MapAlertEndpoints();
        app.MapProbeEndpoints();
        app.MapTenancyEndpoints();
        app.MapRoutingLogEndpoints();
        app.MapKeyQuotaEndpoints();
        app.MapPlatformKeyEndpoints();
        app.MapCatalogEndpoints();
        app.MapPriceImportEndpoints();
        app.MapAuditEndpoints();
        app.MapUsageRecordEndpoints();
        app.MapUsageOverviewEndpoints();
        app.MapConfigDriftEndpoints();
        app.MapPresetEndpoints();
        app.MapSealEndpoints();
        app.MapCallerEndpoints();
        app.MapClassicEndpoints();
        app.MapUnservedEndpoints();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapApiDocs();
        app.Lifetime.ApplicationStarted.Register(() => PrintBanner(app, generatedAdminKey()));
        return app;
    }

    private static string[] CorsOrigins(IConfiguration configuration) =>
        configuration.GetSection("Switchboard:Cors:AllowedOrigins").Get<string[]>() ?? [];

    private static Task WriteInternalErrorAsync(HttpContext context)
    {
        // The handler cleared the response's headers: the request's own copy of its id keeps the body, the header, the
        // usage record and the logs naming the same request.
        var requestId = RequestIds.Find(context) ?? context.TraceIdentifier;
        RequestIds.Resend(context, requestId);
        return ErrorResponses.WriteAsync(context, GatewayErrors.Internal(requestId));
    }

    private static Task WriteStatusCodeErrorAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        var status = http.Response.StatusCode;
        var error = status switch
        {
            404 => GatewayErrors.NotFound($"No route matches {http.Request.Method} {http.Request.Path}."),
            405 => new GatewayError(405, "invalid_request_error", "method_not_allowed", $"{http.Request.Method} is not allowed on {http.Request.Path}."),
            415 => GatewayErrors.UnsupportedMediaType(http.Request.ContentType),
            413 => GatewayErrors.BodyTooLarge(0),
            >= 500 => GatewayErrors.Internal(http.TraceIdentifier),
            _ => new GatewayError(status, "invalid_request_error", "bad_request", "The request is not valid."),
        };
        return ErrorResponses.WriteAsync(http, error);
    }

    /// <summary>The body of the banner's example request: a constant, so printing it needs no serializer.</summary>
    private const string DemoChatBody = """{"model":"demo","messages":[{"role":"user","content":"Hello"}]}""";

    /// <remarks>
    /// A key generated on this start is known only now, so the examples carry it and can be pasted as they are; a
    /// configured key is named by its variable, which keeps it out of the console and its logs.
    /// </remarks>
    private static void PrintBanner(WebApplication app, string? generatedAdminKey)
    {
        var url = (app.Urls.FirstOrDefault() ?? "http://127.0.0.1:8080").TrimEnd('/');
        var key = generatedAdminKey ?? "$SWITCHBOARD_ADMIN_KEY";
        var console = app.Services.GetRequiredService<IOptions<UiOptions>>().Value.Enabled
            ? $"{url}/ui"
            : "off (Switchboard:Ui:Enabled is false)";
        Console.WriteLine(
            $"""
            Switchboard is listening on {url}
              Console:        {console}
              API reference:  {url}{ApiDocsEndpoints.Path}
              Non-streaming:  curl {url}/v1/chat/completions -H "Authorization: Bearer {key}" -H "Content-Type: application/json" -d '{DemoChatBody}'
              Streaming:      add "stream": true to the body (and curl -N).
              Models:         curl {url}/v1/models -H "Authorization: Bearer {key}"
              OpenAPI:        {url}/openapi/v1.json
            """);
    }
}
