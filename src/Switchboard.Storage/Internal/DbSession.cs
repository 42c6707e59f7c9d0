using System.Data.Common;

namespace Switchboard.Storage.Internal;

/// <summary>Holds one connection and its transaction, with small helpers to run parameterized SQL.</summary>
/// <remarks>
/// A write session may hold its dialect's write gate, released when the session is disposed. A session without a
/// transaction (<see cref="PostgresDialect.BeginOneCommandAsync"/>) runs each command on its own, as the database's implicit
/// transaction of that command.
/// </remarks>
internal sealed class DbSession(DbConnection connection, DbTransaction? transaction, Dialect dialect, SemaphoreSlim? writeGate = null) : IAsyncDisposable
{
    /// <summary>Gets the open connection.</summary>
    public DbConnection Connection { get; } = connection;

    /// <summary>Gets the transaction every command joins, or null when each command is its own transaction.</summary>
    public DbTransaction? Transaction { get; } = transaction;

    /// <summary>Gets the dialect that opened the session.</summary>
    public Dialect Dialect { get; } = dialect;

    /// <summary>Creates a command in the session's transaction; parameter values of null become DBNull.</summary>
    public DbCommand Command(string sql, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        var command = Connection.CreateCommand();
        command.Transaction = Transaction;
#pragma warning disable CA2100 // SQL text is constant in this assembly; values always travel as parameters.
        command.CommandText = sql;
#pragma warning restore CA2100
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    /// <summary>Runs a statement and returns the affected row count.</summary>
    public async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs a query and returns the first column of the first row as a 64-bit integer (0 when empty or null).</summary>
    public async Task<long> ScalarInt64Async(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(sql, parameters);
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is null or DBNull ? 0 : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Runs a query and maps every row.</summary>
    public async Task<List<T>> QueryAsync<T>(
        string sql, Func<DbDataReader, T> map, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var items = new List<T>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            items.Add(map(reader));
        }

        return items;
    }

    /// <summary>Runs a command of two queries (one round trip) and maps every row of each.</summary>
    /// <remarks>Statements without rows in the command (a BEGIN or COMMIT around the queries) yield no result set.</remarks>
    public async Task<(List<T1> First, List<T2> Second)> QueryTwoAsync<T1, T2>(
        string sql, Func<DbDataReader, T1> mapFirst, Func<DbDataReader, T2> mapSecond, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var first = new List<T1>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            first.Add(mapFirst(reader));
        }

        var second = new List<T2>();
        if (await reader.NextResultAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                second.Add(mapSecond(reader));
            }
        }

        return (first, second);
    }

    /// <summary>Commits the transaction; without one, every command committed on its own already.</summary>
    public Task CommitAsync(CancellationToken cancellationToken) => Transaction?.CommitAsync(cancellationToken) ?? Task.CompletedTask;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (Transaction is not null)
            {
                await Transaction.DisposeAsync().ConfigureAwait(false);
            }

            await Connection.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            writeGate?.Release();
        }
    }
}
