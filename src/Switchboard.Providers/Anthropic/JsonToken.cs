namespace Switchboard.Providers.Anthropic;

/// <summary>Locates one raw JSON string token (quotes and escapes included) inside an event's data.</summary>
/// <param name="Start">The offset of the opening quote.</param>
/// <param name="Length">The token length including both quotes; 0 when absent.</param>
internal readonly record struct JsonToken(int Start, int Length)
{
    /// <summary>Gets a value indicating whether the token is absent or the empty string <c>""</c>.</summary>
    public bool IsEmpty => Length <= 2;

    public ReadOnlySpan<byte> Raw(ReadOnlySpan<byte> data) => data.Slice(Start, Length);

    /// <summary>Gets the bytes between the quotes (still escaped).</summary>
    public ReadOnlySpan<byte> Inner(ReadOnlySpan<byte> data) => Length < 2 ? default : data.Slice(Start + 1, Length - 2);
}
