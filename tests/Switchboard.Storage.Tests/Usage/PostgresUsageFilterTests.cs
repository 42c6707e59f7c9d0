using Switchboard.Storage.Tests.Fixtures;

namespace Switchboard.Storage.Tests.Usage;

public sealed class PostgresUsageFilterTests(PostgresDatabaseFixture fixture) : UsageFilterTests(fixture), IClassFixture<PostgresDatabaseFixture>;
