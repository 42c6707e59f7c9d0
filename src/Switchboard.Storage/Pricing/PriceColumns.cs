using System.Data.Common;
using Switchboard.Abstractions.Configuration;
using Switchboard.Storage.Internal;

namespace Switchboard.Storage.Pricing;

/// <summary>Maps prices to their columns in one place: a platform model's provider prices and a catalog model's user prices.</summary>
/// <remarks>Every writer of <c>platform_models</c> or <c>catalog_models</c> uses these lists, so a new price column is added once.</remarks>
internal static class PriceColumns
{
    /// <summary>Gets the provider price columns of <c>platform_models</c>, comma-separated.</summary>
    public const string ModelNames =
        "input_price_per_million, output_price_per_million, cached_input_price_per_million, cache_write_price_per_million, cache_write_1h_price_per_million";

    /// <summary>Gets the parameter names matching <see cref="ModelNames"/>.</summary>
    public const string ModelValues = "@input_price, @output_price, @cached_input_price, @cache_write_price, @cache_write_1h_price";

    /// <summary>Gets the <c>SET</c> list of <see cref="ModelNames"/>.</summary>
    public const string ModelAssignments =
        "input_price_per_million = @input_price, output_price_per_million = @output_price, cached_input_price_per_million = @cached_input_price, " +
        "cache_write_price_per_million = @cache_write_price, cache_write_1h_price_per_million = @cache_write_1h_price";

    /// <summary>Gets the user price columns of <c>catalog_models</c>, comma-separated.</summary>
    public const string CatalogNames =
        "user_input_price_per_million, user_output_price_per_million, user_cached_input_price_per_million, user_cache_write_price_per_million";

    /// <summary>Gets the parameter names matching <see cref="CatalogNames"/>.</summary>
    public const string CatalogValues = "@input_price, @output_price, @cached_input_price, @cache_write_price";

    /// <summary>Gets the <c>SET</c> list of <see cref="CatalogNames"/>.</summary>
    public const string CatalogAssignments =
        "user_input_price_per_million = @input_price, user_output_price_per_million = @output_price, " +
        "user_cached_input_price_per_million = @cached_input_price, user_cache_write_price_per_million = @cache_write_price";

    /// <summary>Encodes a platform model's provider prices as the parameters of <see cref="ModelValues"/>.</summary>
    public static (string Name, object? Value)[] ModelParameters(Dialect dialect, decimal input, decimal output, decimal? cached, decimal? cacheWrite, decimal? cacheWrite1Hour) =>
    [
        ("@input_price", dialect.Money(input)),
        ("@output_price", dialect.Money(output)),
        ("@cached_input_price", dialect.MoneyOrNull(cached)),
        ("@cache_write_price", dialect.MoneyOrNull(cacheWrite)),
        ("@cache_write_1h_price", dialect.MoneyOrNull(cacheWrite1Hour)),
    ];

    /// <summary>Encodes a platform model's provider prices as the parameters of <see cref="ModelValues"/>.</summary>
    public static (string Name, object? Value)[] ModelParameters(Dialect dialect, PlatformModelConfig model) =>
        ModelParameters(dialect, model.InputPricePerMillion, model.OutputPricePerMillion, model.CachedInputPricePerMillion, model.CacheWritePricePerMillion, model.CacheWrite1HourPricePerMillion);

    /// <summary>Encodes a catalog model's user prices as the parameters of <see cref="CatalogValues"/>.</summary>
    public static (string Name, object? Value)[] CatalogParameters(Dialect dialect, CatalogModelConfig model) =>
    [
        ("@input_price", dialect.Money(model.UserInputPricePerMillion)),
        ("@output_price", dialect.Money(model.UserOutputPricePerMillion)),
        ("@cached_input_price", dialect.MoneyOrNull(model.UserCachedInputPricePerMillion)),
        ("@cache_write_price", dialect.MoneyOrNull(model.UserCacheWritePricePerMillion)),
    ];

    /// <summary>Reads the columns of <see cref="ModelNames"/>, selected in that order from <paramref name="first"/> on, into <paramref name="model"/>.</summary>
    public static PlatformModelConfig ReadModel(Dialect dialect, DbDataReader reader, int first, PlatformModelConfig model) => model with
    {
        InputPricePerMillion = dialect.ReadMoney(reader, first),
        OutputPricePerMillion = dialect.ReadMoney(reader, first + 1),
        CachedInputPricePerMillion = dialect.ReadMoneyOrNull(reader, first + 2),
        CacheWritePricePerMillion = dialect.ReadMoneyOrNull(reader, first + 3),
        CacheWrite1HourPricePerMillion = dialect.ReadMoneyOrNull(reader, first + 4),
    };

    /// <summary>Reads the columns of <see cref="CatalogNames"/>, selected in that order from <paramref name="first"/> on, into <paramref name="model"/>.</summary>
    public static CatalogModelConfig ReadCatalog(Dialect dialect, DbDataReader reader, int first, CatalogModelConfig model) => model with
    {
        UserInputPricePerMillion = dialect.ReadMoney(reader, first),
        UserOutputPricePerMillion = dialect.ReadMoney(reader, first + 1),
        UserCachedInputPricePerMillion = dialect.ReadMoneyOrNull(reader, first + 2),
        UserCacheWritePricePerMillion = dialect.ReadMoneyOrNull(reader, first + 3),
    };
}
