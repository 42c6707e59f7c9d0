using Switchboard.Storage.Tests.Fixtures;

namespace Switchboard.Storage.Tests.Tenancy;

public sealed class SqliteLimitCounterTests(SqliteDatabaseFixture fixture) : LimitCounterTests(fixture), IClassFixture<SqliteDatabaseFixture>;
