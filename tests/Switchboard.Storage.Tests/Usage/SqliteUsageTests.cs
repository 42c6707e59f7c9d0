using Switchboard.Storage.Tests.Fixtures;

namespace Switchboard.Storage.Tests.Usage;

public sealed class SqliteUsageTests(SqliteDatabaseFixture fixture) : UsageTests(fixture), IClassFixture<SqliteDatabaseFixture>;
