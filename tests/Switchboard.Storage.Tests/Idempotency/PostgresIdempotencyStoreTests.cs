using Switchboard.Storage.Tests.Fixtures;

namespace Switchboard.Storage.Tests.Idempotency;

public sealed class PostgresIdempotencyStoreTests(PostgresDatabaseFixture fixture) : IdempotencyStoreTests(fixture), IClassFixture<PostgresDatabaseFixture>;
