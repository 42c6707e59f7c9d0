using Switchboard.Storage.Tests.Fixtures;

namespace Switchboard.Storage.Tests.Usage;

public sealed class PostgresUsageRecordListTests(PostgresDatabaseFixture fixture) : UsageRecordListTests(fixture), IClassFixture<PostgresDatabaseFixture>;
