using Switchboard.Storage.Tests.Fixtures;
using Xunit.Abstractions;

namespace Switchboard.Storage.Tests.Usage;

public sealed class PostgresUsageTests(PostgresDatabaseFixture fixture, ITestOutputHelper output)
    : UsageTests(fixture, output), IClassFixture<PostgresDatabaseFixture>
{
    protected override double RequiredRecordsPerSecond => 10_000;
}
