using Switchboard.Storage.Tests.Fixtures;

namespace Switchboard.Storage.Tests.Usage;

public sealed class SqliteUsageOverviewTests(SqliteDatabaseFixture fixture) : UsageOverviewTests(fixture), IClassFixture<SqliteDatabaseFixture>;
