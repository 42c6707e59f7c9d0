using Switchboard.Storage.Tests.Fixtures;

namespace Switchboard.Storage.Tests.Responses;

public sealed class PostgresResponseStoreTests(PostgresDatabaseFixture fixture) : ResponseStoreTests(fixture), IClassFixture<PostgresDatabaseFixture>;
