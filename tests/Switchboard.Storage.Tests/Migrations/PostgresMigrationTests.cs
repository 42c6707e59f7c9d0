using Switchboard.Storage.Tests.Fixtures;

namespace Switchboard.Storage.Tests.Migrations;

public sealed class PostgresMigrationTests(PostgresDatabaseFixture fixture) : MigrationTests(fixture), IClassFixture<PostgresDatabaseFixture>;
