using Switchboard.Storage.Tests.Fixtures;

namespace Switchboard.Storage.Tests.KeyQuotas;

public sealed class SqliteKeyQuotaStoreTests(SqliteDatabaseFixture fixture) : KeyQuotaStoreTests(fixture), IClassFixture<SqliteDatabaseFixture>;
