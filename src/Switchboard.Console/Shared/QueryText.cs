using System.Text;

namespace Switchboard.Console.Shared;

/// <summary>Builds a URL query string from the filters that are set, escaping each value.</summary>
public sealed class QueryText
{
    private readonly StringBuilder _text = new();

    /// <summary>Adds a parameter when its value is not empty.</summary>
    public void Add(string name, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return;
        }

        _text.Append(_text.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value.Trim()));
    }

    /// <summary>Returns the query string with its leading <c>?</c>, or an empty string when no filter is set.</summary>
    public override string ToString() => _text.ToString();
}
