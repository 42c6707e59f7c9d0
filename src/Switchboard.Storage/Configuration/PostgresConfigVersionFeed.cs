using System.Globalization;
using Npgsql;
using Switchboard.Abstractions.Storage;

namespace Switchboard.Storage.Configuration;

/// <summary>Follows the configuration version on PostgreSQL: <c>LISTEN</c> on a dedicated connection, plus a version read whenever a wait times out.</summary>
/// <remarks>
/// The connection is unpooled, so a connection the server killed is never handed to anyone else, and it carries an
/// application name (<see cref="ApplicationName"/>) that operators can find in <c>pg_stat_activity</c>. The periodic
/// read doubles as a liveness check: on a connection that died silently it fails within <see cref="ReadTimeoutSeconds"/>.
/// </remarks>
internal sealed class PostgresConfigVersionFeed : IConfigVersionFeed
{
    /// <summary>The application name of the listening connection.</summary>
    public const string ApplicationName = "switchboard-config-feed";

    private const int ReadTimeoutSeconds = 10;

    private readonly NpgsqlConnection _connection;

    // Written by the notification handler, which Npgsql runs on the thread awaiting this connection's WaitAsync or
    // command, so it never races with the reader below.
    private long _announced;

    private PostgresConfigVersionFeed(NpgsqlConnection connection)
    {
        _connection = connection;
        _connection.Notification += OnNotification;
    }

    /// <inheritdoc />
    public bool AnnouncesChanges => true;

    /// <summary>Opens the connection and subscribes to <see cref="ConfigVersionTable.Channel"/>.</summary>
    public static async Task<PostgresConfigVersionFeed> OpenAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var feed = new PostgresConfigVersionFeed(connection);
        try
        {
            await using var command = new NpgsqlCommand("LISTEN " + ConfigVersionTable.Channel, connection);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return feed;
        }
        catch
        {
            await feed.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public async Task<long> ReadVersionAsync(CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(ConfigVersionTable.ReadSql, _connection) { CommandTimeout = ReadTimeoutSeconds };
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return Convert.ToInt64(value, CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    public async Task<long?> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (TakeAnnounced() is { } pending)
        {
            return pending; // announced while a read was running
        }

        if (await _connection.WaitAsync(timeout, cancellationToken).ConfigureAwait(false) && TakeAnnounced() is { } announced)
        {
            return announced;
        }

        return await ReadVersionAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _connection.Notification -= OnNotification;
        await _connection.DisposeAsync().ConfigureAwait(false);
    }

    private long? TakeAnnounced()
    {
        var announced = _announced;
        _announced = 0;
        return announced > 0 ? announced : null;
    }

    private void OnNotification(object sender, NpgsqlNotificationEventArgs e)
    {
        // Keep the highest: several commits may be announced before the loop looks. A payload that is not a version
        // (a NOTIFY sent by hand) is left out here, and WaitAsync then reads the version instead.
        if (string.Equals(e.Channel, ConfigVersionTable.Channel, StringComparison.Ordinal)
            && long.TryParse(e.Payload, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            _announced = Math.Max(_announced, version);
        }
    }
}
