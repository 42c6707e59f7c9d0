namespace Switchboard.Testing;

/// <summary>Waits, within a bound, for background work (a writer, a settlement, another replica) to make a condition true.</summary>
public static class Poll
{
    /// <summary>Checks <paramref name="condition"/> every 20 ms; throws after <paramref name="timeout"/> (default a minute), naming <paramref name="waitingFor"/>.</summary>
    public static async Task UntilAsync(Func<bool> condition, string waitingFor, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromMinutes(1));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for {waitingFor}.");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Reads a value every 20 ms until <paramref name="accept"/> takes it, and returns it; after <paramref name="timeout"/> returns the last value read, for the caller's assertion to describe.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> accept, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(accept);
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromMinutes(1));
        while (true)
        {
            var value = await read();
            if (accept(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(20);
        }
    }
}
