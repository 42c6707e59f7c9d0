using Switchboard.Storage.Tests.Fixtures;
using Xunit.Abstractions;

namespace Switchboard.Storage.Tests.Usage;

public sealed class SqliteUsageTests(SqliteDatabaseFixture fixture, ITestOutputHelper output)
    : UsageTests(fixture, output), IClassFixture<SqliteDatabaseFixture>
{
    protected override double RequiredRecordsPerSecond => 20_000;
}
