using Switchboard.Storage.Tests.Fixtures;

namespace Switchboard.Storage.Tests.Tenancy;

public sealed class PostgresLimitCounterTests(PostgresDatabaseFixture fixture) : LimitCounterTests(fixture), IClassFixture<PostgresDatabaseFixture>;
