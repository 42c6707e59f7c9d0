using Switchboard.Storage.Tests.Fixtures;

namespace Switchboard.Storage.Tests.Tenancy;

public sealed class SqlitePrivatePlatformTests(SqliteDatabaseFixture fixture) : PrivatePlatformTests(fixture), IClassFixture<SqliteDatabaseFixture>;
