using Switchboard.Storage.Tests.Fixtures;

namespace Switchboard.Storage.Tests.Tenancy;

public sealed class SqliteLimitSliceTests(SqliteDatabaseFixture fixture) : LimitSliceTests(fixture), IClassFixture<SqliteDatabaseFixture>;
