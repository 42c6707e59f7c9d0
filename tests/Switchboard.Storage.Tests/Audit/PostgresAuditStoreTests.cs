using Switchboard.Storage.Tests.Fixtures;

namespace Switchboard.Storage.Tests.Audit;

public sealed class PostgresAuditStoreTests(PostgresDatabaseFixture fixture) : AuditStoreTests(fixture), IClassFixture<PostgresDatabaseFixture>;
