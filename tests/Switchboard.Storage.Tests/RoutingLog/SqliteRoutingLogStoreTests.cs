using Switchboard.Storage.Tests.Fixtures;

namespace Switchboard.Storage.Tests.RoutingLog;

public sealed class SqliteRoutingLogStoreTests(SqliteDatabaseFixture fixture) : RoutingLogStoreTests(fixture), IClassFixture<SqliteDatabaseFixture>;
