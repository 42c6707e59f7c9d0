using Switchboard.Storage.Tests.Fixtures;

namespace Switchboard.Storage.Tests.Catalog;

public sealed class PostgresCatalogStoreTests(PostgresDatabaseFixture fixture) : CatalogStoreTests(fixture), IClassFixture<PostgresDatabaseFixture>;
