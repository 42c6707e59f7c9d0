using Switchboard.Storage.Tests.Fixtures;

namespace Switchboard.Storage.Tests.Seeding;

public sealed class PostgresSeedTests(PostgresDatabaseFixture fixture) : SeedTests(fixture), IClassFixture<PostgresDatabaseFixture>;
