using Switchboard.Storage.Tests.Fixtures;

namespace Switchboard.Storage.Tests.Tenancy;

public sealed class PostgresTenancyStoreTests(PostgresDatabaseFixture fixture) : TenancyStoreTests(fixture), IClassFixture<PostgresDatabaseFixture>;
