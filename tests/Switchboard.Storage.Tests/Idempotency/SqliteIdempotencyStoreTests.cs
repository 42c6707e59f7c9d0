using Switchboard.Storage.Tests.Fixtures;

namespace Switchboard.Storage.Tests.Idempotency;

public sealed class SqliteIdempotencyStoreTests(SqliteDatabaseFixture fixture) : IdempotencyStoreTests(fixture), IClassFixture<SqliteDatabaseFixture>;
