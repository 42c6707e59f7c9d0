using Switchboard.Storage.Tests.Fixtures;

namespace Switchboard.Storage.Tests.Audit;

public sealed class SqliteAuditStoreTests(SqliteDatabaseFixture fixture) : AuditStoreTests(fixture), IClassFixture<SqliteDatabaseFixture>;
