using Switchboard.Storage.Tests.Fixtures;

namespace Switchboard.Storage.Tests.Usage;

public sealed class SqliteUsageQueryTests(SqliteDatabaseFixture fixture) : UsageQueryTests(fixture), IClassFixture<SqliteDatabaseFixture>;
