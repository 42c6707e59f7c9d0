using Switchboard.Storage.Tests.Fixtures;

namespace Switchboard.Storage.Tests.Tenancy;

public sealed class PostgresPrivatePlatformTests(PostgresDatabaseFixture fixture) : PrivatePlatformTests(fixture), IClassFixture<PostgresDatabaseFixture>;
