using Switchboard.Storage.Tests.Fixtures;

namespace Switchboard.Storage.Tests.Configuration;

public sealed class PostgresConfigChangeTests(PostgresDatabaseFixture fixture) : ConfigChangeTests(fixture), IClassFixture<PostgresDatabaseFixture>;
