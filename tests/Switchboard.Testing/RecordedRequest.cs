namespace Switchboard.Testing;

/// <summary>One request a fake upstream received, captured whole.</summary>
public sealed record RecordedRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string BodyText => System.Text.Encoding.UTF8.GetString(Body);

    public System.Text.Json.JsonDocument Json() => System.Text.Json.JsonDocument.Parse(Body);

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
