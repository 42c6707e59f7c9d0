using Switchboard.Storage.Tests.Fixtures;

namespace Switchboard.Storage.Tests.Pricing;

public sealed class PostgresPriceStoreTests(PostgresDatabaseFixture fixture) : PriceStoreTests(fixture), IClassFixture<PostgresDatabaseFixture>;
