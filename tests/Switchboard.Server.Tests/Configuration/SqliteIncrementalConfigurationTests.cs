using Xunit.Abstractions;

namespace Switchboard.Server.Tests.Configuration;

/// <summary>Incremental configuration on the gateway's SQLite file.</summary>
public sealed class SqliteIncrementalConfigurationTests(ITestOutputHelper output) : IncrementalConfigurationTests(output)
{
    protected override bool Postgres => false;

    protected override Task<string?> CreateDatabaseAsync() => Task.FromResult<string?>(null);
}
