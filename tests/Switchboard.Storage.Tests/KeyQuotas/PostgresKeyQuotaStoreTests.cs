using Switchboard.Storage.Tests.Fixtures;

namespace Switchboard.Storage.Tests.KeyQuotas;

public sealed class PostgresKeyQuotaStoreTests(PostgresDatabaseFixture fixture) : KeyQuotaStoreTests(fixture), IClassFixture<PostgresDatabaseFixture>;
