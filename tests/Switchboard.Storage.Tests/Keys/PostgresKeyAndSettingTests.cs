using Switchboard.Storage.Tests.Fixtures;

namespace Switchboard.Storage.Tests.Keys;

public sealed class PostgresKeyAndSettingTests(PostgresDatabaseFixture fixture) : KeyAndSettingTests(fixture), IClassFixture<PostgresDatabaseFixture>;
