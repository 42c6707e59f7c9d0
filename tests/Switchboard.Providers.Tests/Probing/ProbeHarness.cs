using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Logging;
using Switchboard.Providers.Probing;

namespace Switchboard.Providers.Tests.Probing;

/// <summary>Builds probes for tests and checks that neither results nor logs ever carry the API key.</summary>
internal static class ProbeHarness
{
    /// <summary>The API key used throughout; distinctive so any leak is found by a plain substring search.</summary>
    public const string Key = "sk-test-SECRET-4f9a2c";

    public static (ModelProbe Probe, CapturingLogger Log) Create(
        Action<ModelProbeOptions>? configure = null,
        Func<string, CancellationToken, Task<IPAddress[]>>? resolve = null)
    {
        var options = new ModelProbeOptions();
        configure?.Invoke(options);
        var log = new CapturingLogger();
        return (new ModelProbe(options, log, TimeProvider.System, resolve), log);
    }

    /// <summary>Asserts a failure of the given kind whose message contains <paramref name="fragment"/> and not the key.</summary>
    public static void AssertFailed(ModelProbeResult result, ModelProbeFailure failure, string fragment)
    {
        Assert.False(result.Succeeded, "the probe should have failed");
        Assert.Empty(result.ModelIds);
        Assert.Equal(failure, result.Failure);
        Assert.NotNull(result.Error);
        Assert.Contains(fragment, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, result.Error, StringComparison.Ordinal);
        Assert.True(result.LatencyMs >= 0);
    }

    /// <summary>A logger that keeps every formatted message, to prove none of them quotes the key.</summary>
    internal sealed class CapturingLogger : ILogger
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public IReadOnlyCollection<string> Lines => _lines.ToArray();

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            _lines.Enqueue($"{logLevel} {eventId.Id} {formatter(state, exception)} {exception}");
        }

        public void AssertNoKey()
        {
            Assert.NotEmpty(_lines);
            Assert.All(_lines, line => Assert.DoesNotContain(Key, line, StringComparison.Ordinal));
        }
    }
}
