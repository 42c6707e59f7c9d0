using Switchboard.Storage.Tests.Fixtures;

namespace Switchboard.Storage.Tests.PlatformKeys;

public sealed class SqlitePlatformKeyStoreTests(SqliteDatabaseFixture fixture) : PlatformKeyStoreTests(fixture), IClassFixture<SqliteDatabaseFixture>;
