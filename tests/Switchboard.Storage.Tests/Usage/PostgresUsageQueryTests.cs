using Switchboard.Storage.Tests.Fixtures;

namespace Switchboard.Storage.Tests.Usage;

public sealed class PostgresUsageQueryTests(PostgresDatabaseFixture fixture) : UsageQueryTests(fixture), IClassFixture<PostgresDatabaseFixture>;
