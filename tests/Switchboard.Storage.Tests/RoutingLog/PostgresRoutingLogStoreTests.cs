using Switchboard.Storage.Tests.Fixtures;

namespace Switchboard.Storage.Tests.RoutingLog;

public sealed class PostgresRoutingLogStoreTests(PostgresDatabaseFixture fixture) : RoutingLogStoreTests(fixture), IClassFixture<PostgresDatabaseFixture>;
