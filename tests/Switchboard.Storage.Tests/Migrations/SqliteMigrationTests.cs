using Switchboard.Storage.Tests.Fixtures;

namespace Switchboard.Storage.Tests.Migrations;

public sealed class SqliteMigrationTests(SqliteDatabaseFixture fixture) : MigrationTests(fixture), IClassFixture<SqliteDatabaseFixture>;
