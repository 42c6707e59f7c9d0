using Switchboard.Storage.Tests.Fixtures;

namespace Switchboard.Storage.Tests.Usage;

public sealed class SqliteUsageFilterTests(SqliteDatabaseFixture fixture) : UsageFilterTests(fixture), IClassFixture<SqliteDatabaseFixture>;
