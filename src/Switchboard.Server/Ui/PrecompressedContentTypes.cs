using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.StaticFiles;

namespace Switchboard.Server.Ui;

/// <summary>Gives a Brotli or gzip copy the content type of the file it compresses, so <c>app.js.br</c> is served as JavaScript.</summary>
internal sealed class PrecompressedContentTypes : IContentTypeProvider
{
    private readonly FileExtensionContentTypeProvider _inner = new();

    public bool TryGetContentType(string subpath, [MaybeNullWhen(false)] out string contentType)
    {
        if (subpath.EndsWith(".br", StringComparison.Ordinal) || subpath.EndsWith(".gz", StringComparison.Ordinal))
        {
            subpath = subpath[..^3];
        }

        return _inner.TryGetContentType(subpath, out contentType);
    }
}
