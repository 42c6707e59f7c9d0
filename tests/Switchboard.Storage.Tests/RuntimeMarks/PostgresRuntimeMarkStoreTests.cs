using Switchboard.Storage.Tests.Fixtures;

namespace Switchboard.Storage.Tests.RuntimeMarks;

public sealed class PostgresRuntimeMarkStoreTests(PostgresDatabaseFixture fixture) : RuntimeMarkStoreTests(fixture), IClassFixture<PostgresDatabaseFixture>;
