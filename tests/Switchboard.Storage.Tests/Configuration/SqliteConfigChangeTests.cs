using Switchboard.Storage.Tests.Fixtures;

namespace Switchboard.Storage.Tests.Configuration;

public sealed class SqliteConfigChangeTests(SqliteDatabaseFixture fixture) : ConfigChangeTests(fixture), IClassFixture<SqliteDatabaseFixture>;
