using System.Data.Common;

namespace Switchboard.Storage.Internal;

/// <summary>Holds one connection and its transaction, with small helpers to run parameterized SQL.</summary>
/// <remarks>A write session may hold its dialect's write gate, released when the session is disposed.</remarks>
internal sealed class DbSession(DbConnection connection, DbTransaction transaction, Dialect dialect, SemaphoreSlim? writeGate = null) : IAsyncDisposable
{
    /// <summary>Gets the open connection.</summary>
    public DbConnection Connection { get; } = connection;

    /// <summary>Gets the transaction every command joins.</summary>
    public DbTransaction Transaction { get; } = transaction;

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

    /// <summary>Commits the transaction.</summary>
    public Task CommitAsync(CancellationToken cancellationToken) => Transaction.CommitAsync(cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            await Transaction.DisposeAsync().ConfigureAwait(false);
            await Connection.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            writeGate?.Release();
        }
    }
}
