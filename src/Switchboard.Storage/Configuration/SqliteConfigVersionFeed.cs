using System.Globalization;
using Microsoft.Data.Sqlite;
using Switchboard.Abstractions.Storage;

namespace Switchboard.Storage.Configuration;

/// <summary>Follows the configuration version of a SQLite file that several processes may share, by polling.</summary>
/// <remarks>
/// <c>PRAGMA data_version</c> changes on this connection only when another connection (of this or another process)
/// commits, and costs no read of the file's pages; the version row is read only then. The connection is unpooled
/// and never writes, so it holds no lock between polls and never delays a checkpoint.
/// </remarks>
internal sealed class SqliteConfigVersionFeed : IConfigVersionFeed
{
    private readonly SqliteConnection _connection;
    private long _dataVersion;

    private SqliteConfigVersionFeed(SqliteConnection connection) => _connection = connection;

    /// <inheritdoc />
    public bool AnnouncesChanges => false;

    /// <summary>Opens a dedicated connection to the file.</summary>
    public static async Task<SqliteConfigVersionFeed> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
        var feed = new SqliteConfigVersionFeed(connection);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            feed._dataVersion = await feed.ScalarAsync("PRAGMA data_version", cancellationToken).ConfigureAwait(false);
            return feed;
        }
        catch
        {
            await feed.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public Task<long> ReadVersionAsync(CancellationToken cancellationToken) => ScalarAsync(ConfigVersionTable.ReadSql, cancellationToken);

    /// <inheritdoc />
    public async Task<long?> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        await Task.Delay(timeout, cancellationToken).ConfigureAwait(false);
        var dataVersion = await ScalarAsync("PRAGMA data_version", cancellationToken).ConfigureAwait(false);
        if (dataVersion == _dataVersion)
        {
            return null;
        }

        _dataVersion = dataVersion;
        return await ReadVersionAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _connection.DisposeAsync();

    private async Task<long> ScalarAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = _connection.CreateCommand();
#pragma warning disable CA2100 // Both statements are constants of this assembly.
        command.CommandText = sql;
#pragma warning restore CA2100
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return Convert.ToInt64(value, CultureInfo.InvariantCulture);
    }
}
