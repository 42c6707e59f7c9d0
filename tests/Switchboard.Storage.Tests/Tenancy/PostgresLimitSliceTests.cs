using Switchboard.Storage.Tests.Fixtures;

namespace Switchboard.Storage.Tests.Tenancy;

public sealed class PostgresLimitSliceTests(PostgresDatabaseFixture fixture) : LimitSliceTests(fixture), IClassFixture<PostgresDatabaseFixture>;
