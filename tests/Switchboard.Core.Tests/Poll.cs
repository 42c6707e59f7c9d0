namespace Switchboard.Core.Tests;

/// <summary>Waits for a background loop (a writer, an evaluator) to make a condition true.</summary>
internal static class Poll
{
    /// <summary>Checks <paramref name="condition"/> every 20 ms; fails the test after a minute, naming <paramref name="waitingFor"/>.</summary>
    public static async Task UntilAsync(Func<bool> condition, string waitingFor)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {waitingFor}.");
            await Task.Delay(20);
        }
    }
}
