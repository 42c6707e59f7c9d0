using Switchboard.Storage.Tests.Fixtures;

namespace Switchboard.Storage.Tests.Catalog;

public sealed class SqliteCatalogStoreTests(SqliteDatabaseFixture fixture) : CatalogStoreTests(fixture), IClassFixture<SqliteDatabaseFixture>;
