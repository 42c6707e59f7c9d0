using Switchboard.Storage.Tests.Fixtures;

namespace Switchboard.Storage.Tests.Usage;

public sealed class SqliteUsageRecordListTests(SqliteDatabaseFixture fixture) : UsageRecordListTests(fixture), IClassFixture<SqliteDatabaseFixture>;
