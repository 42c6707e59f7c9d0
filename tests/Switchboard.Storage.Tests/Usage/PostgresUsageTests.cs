using Switchboard.Storage.Tests.Fixtures;

namespace Switchboard.Storage.Tests.Usage;

public sealed class PostgresUsageTests(PostgresDatabaseFixture fixture) : UsageTests(fixture), IClassFixture<PostgresDatabaseFixture>;
