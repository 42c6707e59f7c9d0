namespace Switchboard.Abstractions.Storage;

/// <summary>Follows the database's configuration version over one dedicated connection, so a replica learns of changes other replicas made.</summary>
/// <remarks>
/// The version grows with every committed write to a configuration table, by trigger (so no writer can forget it).
/// A feed is used by one loop at a time and is not thread-safe; any database error is thrown to the caller, which
/// disposes the feed and opens a new one.
/// </remarks>
public interface IConfigVersionFeed : IAsyncDisposable
{
    /// <summary>Gets a value indicating whether the database announces each change (PostgreSQL <c>NOTIFY</c>); when false, changes are found by polling.</summary>
    bool AnnouncesChanges { get; }

    /// <summary>Reads the configuration version the database holds now.</summary>
    Task<long> ReadVersionAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Waits up to <paramref name="timeout"/> and returns the version the database announced or holds, or null when it
    /// has certainly not changed (SQLite: no other connection committed anything).
    /// </summary>
    /// <remarks>
    /// PostgreSQL returns as soon as a change is announced, and otherwise reads the version when the timeout passes,
    /// which catches a change whose announcement was missed. SQLite sleeps for the timeout, then reads the version only
    /// if the file changed.
    /// </remarks>
    Task<long?> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken);
}
