using Switchboard.Storage.Tests.Fixtures;

namespace Switchboard.Storage.Tests.Keys;

public sealed class SqliteKeyAndSettingTests(SqliteDatabaseFixture fixture) : KeyAndSettingTests(fixture), IClassFixture<SqliteDatabaseFixture>;
