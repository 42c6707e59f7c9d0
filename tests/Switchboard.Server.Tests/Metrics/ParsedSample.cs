namespace Switchboard.Server.Tests.Metrics;

internal sealed record ParsedSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);
