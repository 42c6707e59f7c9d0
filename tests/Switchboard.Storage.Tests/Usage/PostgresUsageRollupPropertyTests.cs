using Switchboard.Storage.Tests.Fixtures;

namespace Switchboard.Storage.Tests.Usage;

public sealed class PostgresUsageRollupPropertyTests(PostgresDatabaseFixture fixture) : UsageRollupPropertyTests(fixture), IClassFixture<PostgresDatabaseFixture>;
