using Switchboard.Storage.Tests.Fixtures;

namespace Switchboard.Storage.Tests.Tenancy;

public sealed class SqliteTenancyStoreTests(SqliteDatabaseFixture fixture) : TenancyStoreTests(fixture), IClassFixture<SqliteDatabaseFixture>;
