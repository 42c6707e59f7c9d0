using Switchboard.Storage.Tests.Fixtures;

namespace Switchboard.Storage.Tests.Seeding;

public sealed class SqliteSeedTests(SqliteDatabaseFixture fixture) : SeedTests(fixture), IClassFixture<SqliteDatabaseFixture>;
