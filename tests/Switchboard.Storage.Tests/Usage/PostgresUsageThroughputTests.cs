using Switchboard.Storage.Tests.Fixtures;
using Xunit.Abstractions;

namespace Switchboard.Storage.Tests.Usage;

[Collection(ThroughputCollection.Name)]
public sealed class PostgresUsageThroughputTests(PostgresDatabaseFixture fixture, ITestOutputHelper output)
    : UsageThroughputTests(fixture, output), IClassFixture<PostgresDatabaseFixture>
{
    /// <summary>Gets a floor only: the 20,000/s requirement is SQLite's; COPY usually does more, but the server shares the cores.</summary>
    protected override double RequiredRecordsPerSecond => 5_000;
}
