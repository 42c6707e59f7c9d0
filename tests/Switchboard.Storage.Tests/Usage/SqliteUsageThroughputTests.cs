using Switchboard.Storage.Tests.Fixtures;
using Xunit.Abstractions;

namespace Switchboard.Storage.Tests.Usage;

[Collection(ThroughputCollection.Name)]
public sealed class SqliteUsageThroughputTests(SqliteDatabaseFixture fixture, ITestOutputHelper output)
    : UsageThroughputTests(fixture, output), IClassFixture<SqliteDatabaseFixture>
{
    protected override double RequiredRecordsPerSecond => 20_000;
}
