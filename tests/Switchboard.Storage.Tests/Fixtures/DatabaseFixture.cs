namespace Switchboard.Storage.Tests.Fixtures;

/// <summary>Creates and drops throwaway databases for one test class.</summary>
public abstract class DatabaseFixture
{
    /// <summary>Gets the provider name the fixture's databases report.</summary>
    public abstract string ProviderName { get; }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public abstract Task<string> CreateDatabaseAsync();

    /// <summary>Drops a database created by <see cref="CreateDatabaseAsync"/>.</summary>
    public abstract Task DropDatabaseAsync(string connectionString);
}
