using Switchboard.Storage.Tests.Fixtures;

namespace Switchboard.Storage.Tests.RuntimeMarks;

public sealed class SqliteRuntimeMarkStoreTests(SqliteDatabaseFixture fixture) : RuntimeMarkStoreTests(fixture), IClassFixture<SqliteDatabaseFixture>;
