using Switchboard.Storage.Tests.Fixtures;

namespace Switchboard.Storage.Tests.Usage;

public sealed class SqliteUsageRollupPropertyTests(SqliteDatabaseFixture fixture) : UsageRollupPropertyTests(fixture), IClassFixture<SqliteDatabaseFixture>;
