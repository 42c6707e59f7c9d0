using System.Text;

namespace Switchboard.Server.Http;

/// <summary>Writes <c>X-Switchboard-Source</c>, the <c>Platform/Model</c> address of the source that answered, as a person reads it.</summary>
/// <remarks>
/// Names are often not ASCII (<c>qwen/通义flash</c>). Percent-encoding them made every value unreadable, slashes included;
/// instead the header is sent as UTF-8 (Kestrel sends ASCII only unless told otherwise, see <see cref="EncodingFor"/>), so
/// <c>curl -i</c> shows the name as configured. Clients that read header bytes as Latin-1 (browsers' <c>fetch</c>) decode
/// the bytes as UTF-8 themselves. Control characters, which no header may carry, become <c>?</c>.
/// </remarks>
internal static class SourceHeader
{
    /// <summary>The header name.</summary>
    public const string Name = "X-Switchboard-Source";

    /// <summary>Returns the header value for a source address: the address itself unless it holds a control character.</summary>
    public static string Value(string address)
    {
        foreach (var c in address)
        {
            if (char.IsControl(c))
            {
                return string.Create(address.Length, address, static (span, text) =>
                {
                    for (var i = 0; i < text.Length; i++)
                    {
                        span[i] = char.IsControl(text[i]) ? '?' : text[i];
                    }
                });
            }
        }

        return address;
    }

    /// <summary>Selects UTF-8 for this header and the default (ASCII only) for every other, for <c>KestrelServerOptions.ResponseHeaderEncodingSelector</c>.</summary>
    public static Encoding? EncodingFor(string headerName) =>
        string.Equals(headerName, Name, StringComparison.OrdinalIgnoreCase) ? Encoding.UTF8 : null;
}
