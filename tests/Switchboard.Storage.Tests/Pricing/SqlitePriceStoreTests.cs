using Switchboard.Storage.Tests.Fixtures;

namespace Switchboard.Storage.Tests.Pricing;

public sealed class SqlitePriceStoreTests(SqliteDatabaseFixture fixture) : PriceStoreTests(fixture), IClassFixture<SqliteDatabaseFixture>;
