using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace Switchboard.Server.Ui;

/// <summary>Serves a file's Brotli or gzip copy, written at publish time, to a browser that accepts it; the copies are never served by their own names.</summary>
internal sealed class PrecompressedFiles(RequestDelegate next, IFileProvider files)
{
    private static readonly (string Suffix, string Encoding)[] Variants = [(".br", "br"), (".gz", "gzip")];

    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        if (path.EndsWith(".br", StringComparison.Ordinal) || path.EndsWith(".gz", StringComparison.Ordinal))
        {
            // A copy asked for by name would arrive without its Content-Encoding and be shown as binary.
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            return next(context);
        }

        var accepted = context.Request.GetTypedHeaders().AcceptEncoding;
        foreach (var (suffix, encoding) in Variants)
        {
            if (Accepts(accepted, encoding) && files.GetFileInfo(path + suffix).Exists)
            {
                context.Request.Path = path + suffix;
                context.Response.Headers.ContentEncoding = encoding;
                context.Response.Headers.Vary = HeaderNames.AcceptEncoding;
                break;
            }
        }

        return next(context);
    }

    private static bool Accepts(IList<StringWithQualityHeaderValue> accepted, string encoding)
    {
        foreach (var value in accepted)
        {
            if (value.Value.Equals(encoding, StringComparison.OrdinalIgnoreCase) && value.Quality is not 0)
            {
                return true;
            }
        }

        return false;
    }
}
