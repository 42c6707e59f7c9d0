using Switchboard.Storage.Tests.Fixtures;

namespace Switchboard.Storage.Tests;

/// <summary>Gives every test its own empty database and an unmigrated store on it.</summary>
public abstract class StoreTestBase(DatabaseFixture fixture) : IAsyncLifetime
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromMinutes(2));

    protected DatabaseFixture Fixture { get; } = fixture;

    protected SwitchboardDatabase Store { get; private set; } = null!;

    protected string ConnectionString { get; private set; } = string.Empty;

    protected CancellationToken Ct => _timeout.Token;

    protected bool IsSqlite => Fixture.ProviderName == "sqlite";

    public async Task InitializeAsync()
    {
        ConnectionString = await Fixture.CreateDatabaseAsync();
        Store = SwitchboardStorage.Create(ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await Store.DisposeAsync();
        await Fixture.DropDatabaseAsync(ConnectionString);
        _timeout.Dispose();
    }

    /// <summary>Runs raw SQL in its own transaction, for arranging rows no public method writes.</summary>
    protected async Task<int> ExecuteSqlAsync(string sql, params (string Name, object? Value)[] parameters)
    {
        await using var session = await Store.Dialect.BeginAsync(readOnly: false, Ct);
        var rows = await session.ExecuteAsync(sql, Ct, parameters);
        await session.CommitAsync(Ct);
        return rows;
    }

    /// <summary>Runs a scalar query, for asserting on rows no public method reads.</summary>
    protected async Task<long> ScalarAsync(string sql, params (string Name, object? Value)[] parameters)
    {
        await using var session = await Store.Dialect.BeginAsync(readOnly: true, Ct);
        return await session.ScalarInt64Async(sql, Ct, parameters);
    }

    protected Task<long> IndexCountAsync(string indexName) => ScalarAsync(
        IsSqlite
            ? "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = @name"
            : "SELECT COUNT(*) FROM pg_indexes WHERE indexname = @name",
        ("@name", indexName));
}
