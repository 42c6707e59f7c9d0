using Switchboard.Storage.Tests.Fixtures;

namespace Switchboard.Storage.Tests.Responses;

public sealed class SqliteResponseStoreTests(SqliteDatabaseFixture fixture) : ResponseStoreTests(fixture), IClassFixture<SqliteDatabaseFixture>;
