namespace Switchboard.Server.Tests.Metrics;

internal sealed class ParsedFamily(string name)
{
    public string Name { get; } = name;

    public string? Help { get; set; }

    public string? Type { get; set; }

    public List<ParsedSample> Samples { get; } = [];
}
