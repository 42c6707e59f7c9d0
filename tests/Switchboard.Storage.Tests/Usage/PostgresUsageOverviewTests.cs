using Switchboard.Storage.Tests.Fixtures;

namespace Switchboard.Storage.Tests.Usage;

public sealed class PostgresUsageOverviewTests(PostgresDatabaseFixture fixture) : UsageOverviewTests(fixture), IClassFixture<PostgresDatabaseFixture>;
