namespace Switchboard.Server.Ui;

/// <summary>Holds the headers every <c>/ui</c> response carries, the Content-Security-Policy first.</summary>
internal static class UiSecurityHeaders
{
    /// <summary>
    /// The console's Content-Security-Policy. Scripts come only from the gateway's own files ('self'), with no inline
    /// script and no eval; 'wasm-unsafe-eval' lets the browser compile the .NET WebAssembly runtime, which is all
    /// Blazor WebAssembly asks for. Styles allow 'unsafe-inline' because the component library sets style attributes and
    /// writes its theme's CSS variables into a style element; a style cannot run code. connect-src 'self' keeps every
    /// call on the gateway's own REST API; nothing may frame the console, and no form posts anywhere.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self' data:; connect-src 'self'; manifest-src 'self'; base-uri 'self'; form-action 'none'; frame-ancestors 'none'; object-src 'none'";

    /// <summary>Sets the security headers on a response before anything is written.</summary>
    public static void Apply(HttpResponse response)
    {
        var headers = response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
    }
}
