using Switchboard.Storage.Tests.Fixtures;

namespace Switchboard.Storage.Tests.PlatformKeys;

public sealed class PostgresPlatformKeyStoreTests(PostgresDatabaseFixture fixture) : PlatformKeyStoreTests(fixture), IClassFixture<PostgresDatabaseFixture>;
