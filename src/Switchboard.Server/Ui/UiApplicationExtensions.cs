using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Switchboard.Server.Ui;

/// <summary>Registers and maps the web console: its static files under <c>/ui</c>, the redirect from <c>/</c>, and their security headers.</summary>
internal static partial class UiApplicationExtensions
{
    private const string IndexFile = "/index.html";

    /// <summary>Binds the console's options from <c>Switchboard:Ui</c>.</summary>
    public static IServiceCollection AddConsoleUi(this IServiceCollection services, IConfiguration configuration) =>
        services.Configure<UiOptions>(configuration.GetSection(UiOptions.SectionName));

    /// <summary>Serves the console at <c>/ui</c> and redirects a browser asking for <c>/</c> there, unless <c>Switchboard:Ui:Enabled</c> is false.</summary>
    /// <remarks>
    /// Only requests under <c>/ui</c> enter the console's branch, so the API's requests pay one path-prefix check. The
    /// files are the console's trimmed publish output; every name without an extension is the single-page app's own
    /// route and gets <c>index.html</c>.
    /// </remarks>
    public static WebApplication UseConsoleUi(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<UiOptions>>().Value;
        if (!options.Enabled)
        {
            return app;
        }

        var root = options.ResolveRoot();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(UiApplicationExtensions).FullName!);
        if (!File.Exists(Path.Combine(root, "index.html")))
        {
            LogConsoleMissing(logger, root);
            return app;
        }

        var files = new PhysicalFileProvider(root);
        app.Map("/ui", ui =>
        {
            ui.Use((context, next) =>
            {
                UiSecurityHeaders.Apply(context.Response);
                if (!context.Request.Path.HasValue)
                {
                    // Blazor's base address is /ui/: the app cannot start at /ui without the slash.
                    context.Response.Redirect(context.Request.PathBase + "/" + context.Request.QueryString);
                    return Task.CompletedTask;
                }

                if (IsAppRoute(context.Request.Path))
                {
                    context.Request.Path = IndexFile;
                }

                return next(context);
            });
            ui.UseMiddleware<PrecompressedFiles>(files);
            ui.UseStaticFiles(new StaticFileOptions
            {
                FileProvider = files,
                ContentTypeProvider = new PrecompressedContentTypes(),
                // Asset names carry no content hash, so the browser revalidates each (a 304 when unchanged).
                OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = "no-cache",
            });
        });
        app.MapMethods("/", [HttpMethods.Get, HttpMethods.Head], (HttpContext context) =>
        {
            context.Response.Headers[HeaderNames.CacheControl] = "no-cache";
            return TypedResults.Redirect("/ui/");
        }).ExcludeFromDescription();
        return app;
    }

    private static bool IsAppRoute(PathString path)
    {
        var value = path.Value!;
        var lastSegment = value.AsSpan(value.LastIndexOf('/') + 1);
        return !lastSegment.Contains('.');
    }

    [LoggerMessage(EventId = 9101, Level = LogLevel.Warning, Message = "The web console's files are not in {Root}: /ui is not served. Build the solution, or set Switchboard:Ui:Root.")]
    private static partial void LogConsoleMissing(ILogger logger, string root);
}
